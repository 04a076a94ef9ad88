package hostedengine.enginedouble;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The engine's XML as ENGINE-API.md gives it: ids and hrefs as attributes, lower-case enums, faults. */
final class EngineXml {
    static final String API = "/ovirt-engine/api";

    private EngineXml() {}

    static String api(String version) {
        return "<api><link href=\"" + API + "/clusters\" rel=\"clusters\"/><link href=\"" + API + "/events\" rel=\"events\"/>"
                + "<link href=\"" + API + "/hosts\" rel=\"hosts\"/><product_info><name>oVirt Engine</name><vendor>ovirt.org</vendor>"
                + "<version><build>6</build><full_version>" + esc(version) + "</full_version><major>4</major><minor>5</minor>"
                + "<revision>0</revision></version></product_info></api>";
    }

    static String clusters(List<EngineModel.Cluster> clusters) {
        var out = new StringBuilder("<clusters>");
        for (var c : clusters) {
            out.append("<cluster href=\"").append(API).append("/clusters/").append(c.id()).append("\" id=\"").append(c.id())
                    .append("\"><name>").append(esc(c.name())).append("</name><data_center href=\"").append(API)
                    .append("/datacenters/").append(c.dataCenterId()).append("\" id=\"").append(c.dataCenterId())
                    .append("\"/></cluster>");
        }
        return out.append("</clusters>").toString();
    }

    /** One host; {@code allContent} adds hosted_engine, as the real engine does only for all_content=true. */
    static String host(EngineModel.Host h, boolean allContent, int score, boolean globalMaintenance) {
        String href = API + "/hosts/" + h.id;
        var out = new StringBuilder("<host href=\"").append(href).append("\" id=\"").append(h.id).append("\"><actions>");
        for (String verb : List.of("activate", "deactivate", "fence", "install", "upgrade", "upgradecheck")) {
            out.append("<link href=\"").append(href).append('/').append(verb).append("\" rel=\"").append(verb).append("\"/>");
        }
        out.append("</actions><name>").append(esc(h.name)).append("</name><address>").append(esc(h.address)).append("</address>");
        if (allContent && h.hostedEngine) {
            out.append("<hosted_engine><active>").append(h.status.equals("up")).append("</active><configured>true</configured>")
                    .append("<global_maintenance>").append(globalMaintenance).append("</global_maintenance><local_maintenance>")
                    .append(h.localMaintenance).append("</local_maintenance><score>").append(score).append("</score></hosted_engine>");
        }
        out.append("<status>").append(h.status).append("</status><update_available>").append(h.updateAvailable)
                .append("</update_available>")
                .append("<cluster href=\"").append(API).append("/clusters/").append(h.clusterId).append("\" id=\"")
                .append(h.clusterId).append("\"/></host>");
        return out.toString();
    }

    static String events(List<EngineModel.Event> events) {
        var out = new StringBuilder("<events>");
        for (var e : events) {
            out.append("<event href=\"").append(API).append("/events/").append(e.id()).append("\" id=\"").append(e.id())
                    .append("\"><description>").append(esc(e.description())).append("</description><code>").append(e.code())
                    .append("</code><custom_id>-1</custom_id><flood_rate>30</flood_rate><index>").append(e.id())
                    .append("</index><origin>oVirt</origin><severity>").append(e.severity()).append("</severity><time>")
                    .append(e.time()).append("</time>");
            if (e.hostId() != null) {
                out.append("<host href=\"").append(API).append("/hosts/").append(e.hostId()).append("\" id=\"").append(e.hostId()).append("\"/>");
            }
            out.append("</event>");
        }
        return out.append("</events>").toString();
    }

    /** An action's answer: complete, or failed with the fault. */
    static String action(EngineModel.Host h, EngineModel.Refused refused) {
        String host = h == null ? "" : "<host href=\"" + API + "/hosts/" + h.id + "\" id=\"" + h.id + "\"/>";
        if (refused == null) return "<action>" + host + "<status>complete</status></action>";
        return "<action>" + host + fault(refused) + "<status>failed</status></action>";
    }

    static String fault(EngineModel.Refused r) {
        return "<fault><reason>" + esc(r.reason) + "</reason><detail>" + esc(r.getMessage()) + "</detail></fault>";
    }

    /** A request body, read without DTDs or external entities. */
    static Element parse(byte[] body) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    /** The text of the first descendant at {@code path} (element names separated by '/'). */
    static Optional<String> text(Element root, String path) {
        Node node = root;
        for (String name : path.split("/")) {
            Node found = null;
            for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element && c.getNodeName().equals(name)) { found = c; break; }
            }
            if (found == null) return Optional.empty();
            node = found;
        }
        return Optional.of(node.getTextContent().strip());
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
