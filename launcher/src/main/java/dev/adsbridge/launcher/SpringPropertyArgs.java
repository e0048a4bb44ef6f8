package dev.adsbridge.launcher;

import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import picocli.CommandLine;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring properties on the command line of {@code console} and its operator commands: every {@code --name=value} whose
 * name is not one of the command's own options is taken off the command line, before picocli looks for an option of
 * that name, and handed to the console's context as a Spring command-line argument. Anything else that looks like an
 * option and is not one stays an error ("Unknown option"), so a typo is reported instead of silently ignored.
 */
final class SpringPropertyArgs implements IParameterPreprocessor {

    /** A command that takes Spring properties; the preprocessor adds them to {@link #springArgs()}. */
    interface Receiver {
        List<String> springArgs();
    }

    /** A Spring property name as Spring's own command-line parser accepts it, letters first (relaxed forms too). */
    private static final Pattern PROPERTY = Pattern.compile("--([A-Za-z][A-Za-z0-9_.\\-\\[\\]]*)(=.*)?", Pattern.DOTALL);

    static final String MODE = "adsbridge.console.mode";

    /**
     * Called by picocli once per command, with the arguments still to parse (the next one on top): takes this command's
     * Spring properties off the stack, up to the name of a subcommand (whose own preprocessor takes the rest), and lets
     * picocli parse what remains.
     */
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec argSpec, Map<String, Object> info) {
        List<String> springArgs = ((Receiver) spec.userObject()).springArgs();
        for (int i = args.size() - 1; i >= 0; i--) {
            String arg = args.get(i);
            if (spec.subcommands().containsKey(arg)) {
                break;
            }
            Matcher match = PROPERTY.matcher(arg);
            if (!match.matches() || spec.optionsMap().containsKey("--" + match.group(1))) {
                continue;                                   // the command's own option, a positional, or `--`
            }
            if (match.group(2) != null) {
                springArgs.add(arg);
                args.remove(i);
            } else if (match.group(1).contains(".")) {       // `--server.port 8085`: Spring would see no value
                throw new CommandLine.ParameterException(spec.commandLine(), "Spring properties take the form "
                        + "--name=value: '" + arg + "' has no '=value'");
            }                                               // else picocli reports the unknown option
        }
        return false;
    }

    /**
     * {@code adsbridge.console.mode} as the console's context resolves it: the command-line flag, else the system
     * property, else the environment variable {@code ADSBRIDGE_CONSOLE_MODE} (Spring's precedence and relaxed names).
     * {@code ConsoleApplication.start} switches the {@code dev} profile on only when its properties say mode=dev, so the
     * launcher hands it the mode resolved here.
     */
    static Optional<String> mode(List<String> springArgs, Map<String, Object> environmentVariables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SimpleCommandLinePropertySource(springArgs.toArray(String[]::new)));
        sources.addLast(new PropertiesPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                System.getProperties()));
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
        return Optional.ofNullable(new PropertySourcesPropertyResolver(sources).getProperty(MODE))
                .map(String::strip).filter(mode -> !mode.isEmpty());
    }
}
