package dev.cachet.engine.routing.text;

/** Lower-cases and removes the accents Spanish and English text carries, without allocating when there are none. */
public final class Folding {

    private Folding() { }

    public static char fold(char c) {
        char l = Character.toLowerCase(c);
        return switch (l) {
            case 'á', 'à', 'â', 'ä', 'ã' -> 'a';
            case 'é', 'è', 'ê', 'ë' -> 'e';
            case 'í', 'ì', 'î', 'ï' -> 'i';
            case 'ó', 'ò', 'ô', 'ö', 'õ' -> 'o';
            case 'ú', 'ù', 'û', 'ü' -> 'u';
            case 'ñ' -> 'n';
            case 'ç' -> 'c';
            case '’', '‘' -> '\'';
            default -> l;
        };
    }

    public static String fold(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (fold(c) != c) {
                var sb = new StringBuilder(s.length());
                sb.append(s, 0, i);
                for (int j = i; j < s.length(); j++) sb.append(fold(s.charAt(j)));
                return sb.toString();
            }
        }
        return s;
    }
}
