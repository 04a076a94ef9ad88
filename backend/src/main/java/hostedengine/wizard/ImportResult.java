package hostedengine.wizard;

import java.util.List;

/**
 * What an imported answer file gave: the answers, the keys that had no counterpart
 * (listed so the admin sees what was left behind), and the secret keys, which are never
 * taken from a file (their values are not kept here either).
 */
public record ImportResult(Answers answers, List<String> ignoredKeys, List<String> ignoredSecrets) {
    public ImportResult {
        ignoredKeys = List.copyOf(ignoredKeys);
        ignoredSecrets = List.copyOf(ignoredSecrets);
    }
}
