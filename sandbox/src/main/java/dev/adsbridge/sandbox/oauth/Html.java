package dev.adsbridge.sandbox.oauth;

/** The sandbox's plain HTML pages (login dialog, its errors, the control status page): escaping and one layout. */
public final class Html {

    private static final String STYLE = """
            body{font-family:Helvetica,Arial,sans-serif;background:#f0f2f5;color:#1c1e21;margin:0}
            header{background:#1877f2;color:#fff;padding:12px 24px;font-size:20px;font-weight:bold}
            main{max-width:760px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;
            box-shadow:0 1px 2px rgba(0,0,0,.2)}
            h1{font-size:20px;margin-top:0}h2{font-size:16px;margin-top:24px}
            .btn{background:#1877f2;color:#fff;border:0;border-radius:6px;padding:10px 20px;font-size:16px;
            font-weight:bold;cursor:pointer}
            .btn.secondary{background:#e4e6eb;color:#050505}
            .muted{color:#65676b;font-size:13px}
            .error{color:#b00020}
            ul.perms{list-style:none;padding:0}ul.perms li{padding:6px 0;border-bottom:1px solid #eee}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;vertical-align:top}
            code{background:#f5f6f7;padding:1px 4px;border-radius:3px}
            """;

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: {@code title} is escaped, {@code body} is trusted HTML built by the caller. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>\n<body>"
                + "<header>facebook <span style=\"font-weight:normal;font-size:14px\">sandbox</span></header>\n"
                + "<main>\n" + body + "\n</main></body></html>\n";
    }

    public static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
    }
}
