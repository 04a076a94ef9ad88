package hostedengine.e2e;

import java.util.regex.Pattern;

final class Japanese {
    /** Any kana or kanji: a message containing none is not Japanese. */
    static final Pattern SCRIPT = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

    private Japanese() {}
}
