package hostedengine.wizard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The storage the Engine VM's domain lives on: the answer of {@link Field#STORAGE_TYPE}, and the role's he_domain_type. */
public enum StorageType {
    NFS("nfs"), GLUSTERFS("glusterfs"), ISCSI("iscsi"), FC("fc");

    private final String value;

    StorageType(String value) { this.value = value; }

    /** The answer's text and the role's value. */
    public String value() { return value; }

    /** NFS or Gluster: a server and a path, mounted. */
    public boolean isFile() { return this == NFS || this == GLUSTERFS; }

    /** iSCSI or Fibre Channel: a LUN. */
    public boolean isBlock() { return this == ISCSI || this == FC; }

    public static Optional<StorageType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /** The type these answers choose; empty when none or not one of ours. */
    public static Optional<StorageType> of(Answers answers) { return of(answers.get(Field.STORAGE_TYPE)); }

    /** Whether these answers choose this type. */
    public boolean chosenIn(Answers answers) { return of(answers).filter(this::equals).isPresent(); }

    static List<String> choices() { return Arrays.stream(values()).map(StorageType::value).toList(); }
}
