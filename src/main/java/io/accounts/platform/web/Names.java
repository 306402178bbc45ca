package io.accounts.platform.web;

/** The wire uses snake_case, Java uses camelCase: one conversion for the JSON reader and the error messages. */
public final class Names {

    private Names() {
    }

    public static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
