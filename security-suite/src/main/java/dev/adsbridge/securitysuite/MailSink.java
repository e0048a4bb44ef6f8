package dev.adsbridge.securitysuite;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback SMTP sink for the console's mail (sign-up confirmation links): the minimum of SMTP on 127.0.0.1 and an
 * ephemeral port, one thread per connection, every message kept in memory with its text decoded (7bit/8bit,
 * quoted-printable or base64). It delivers nothing anywhere.
 */
final class MailSink implements AutoCloseable {

    /** A received message: its envelope recipients, subject and decoded text. */
    record Mail(List<String> to, String subject, String text) {
    }

    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private final ServerSocket server;
    private final List<Mail> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    MailSink() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new IllegalStateException("could not open the SMTP sink", e);
        }
        acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Mail> received() {
        return List.copyOf(received);
    }

    /** The newest mail to {@code address} whose text matches {@code pattern}, waiting up to {@code limit}. */
    Optional<Matcher> await(String address, Pattern pattern, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            for (int i = received.size() - 1; i >= 0; i--) {
                Mail mail = received.get(i);
                if (mail.to().stream().anyMatch(address::equalsIgnoreCase)) {
                    Matcher matcher = pattern.matcher(mail.text());
                    if (matcher.find()) {
                        return Optional.of(matcher);
                    }
                }
            }
            Deployment.sleep(100);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> converse(socket), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 127.0.0.1 security-suite SMTP sink");
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 127.0.0.1");
                    case "MAIL" -> {
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        Matcher address = ADDRESS.matcher(line);
                        to.add(address.find() ? address.group(1) : line.substring(line.indexOf(':') + 1).strip());
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine).append('\n');
                        }
                        received.add(parse(List.copyOf(to), data.toString()));
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "RSET" -> {
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Headers (unfolded) and the single text part of a plain-text message. */
    static Mail parse(List<String> to, String data) {
        int split = data.indexOf("\n\n");
        String head = split < 0 ? data : data.substring(0, split);
        String body = split < 0 ? "" : data.substring(split + 2);
        String subject = "";
        String encoding = "7bit";
        Charset charset = StandardCharsets.UTF_8;
        for (String header : head.replaceAll("\n[ \t]+", " ").split("\n")) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "subject" -> subject = value;
                case "content-transfer-encoding" -> encoding = value.toLowerCase(Locale.ROOT);
                case "content-type" -> {
                    Matcher matcher = CHARSET.matcher(value);
                    if (matcher.find() && Charset.isSupported(matcher.group(1))) {
                        charset = Charset.forName(matcher.group(1));
                    }
                }
                default -> {
                }
            }
        }
        byte[] raw = body.getBytes(StandardCharsets.ISO_8859_1);
        String text = switch (encoding) {
            case "quoted-printable" -> new String(quotedPrintable(body), charset);
            case "base64" -> new String(Base64.getMimeDecoder().decode(raw), charset);
            default -> new String(raw, charset);
        };
        return new Mail(to, subject, text);
    }

    static byte[] quotedPrintable(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = body.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].replaceAll("[ \t]+$", "");
            boolean soft = line.endsWith("=");
            if (soft) {
                line = line.substring(0, line.length() - 1);
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '=' && i + 2 < line.length() && isHex(line.charAt(i + 1)) && isHex(line.charAt(i + 2))) {
                    out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            if (!soft && l < lines.length - 1) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
