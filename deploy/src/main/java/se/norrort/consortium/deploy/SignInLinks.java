package se.norrort.consortium.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.TokenMinter;

/**
 * One sign-in link to the web pages per demo person of the seed story, each carrying a bearer token minted here with
 * the local key, in the URL fragment ({@code #token=...}): a browser does not send the fragment to the server, so the
 * token is not logged; the page keeps it in sessionStorage and removes it from the address bar. No HTTP endpoint
 * mints tokens. {@code norrort-local.jar links [--base URL] [--minutes N]} prints them; {@code --seed} prints them
 * after the seed story.
 */
final class SignInLinks {

    /** A demo person: subject, display name, role, municipality (null for the County Board, auditor, operator). */
    record Person(String label, String sub, String name, String role, String municipality) {}

    /** The people of the seed story; Britt-Marie Ekström's subject is the delegate the seed's delegation names. */
    static final List<Person> PEOPLE = List.of(
            new Person(
                    "Sigtunas handläggare (projektägare)",
                    "sigtuna.officer",
                    "Anna Andersson",
                    "MUNICIPALITY_OFFICER",
                    SeedStory.OWNER),
            new Person(
                    "Danderyds handläggare",
                    "danderyd.officer",
                    "Lina Rönnerblad",
                    "MUNICIPALITY_OFFICER",
                    SeedStory.DANDERYD),
            new Person(
                    "Danderyds socialdirektör (delegat)",
                    "britt-marie.ekstrom",
                    "Britt-Marie Ekström",
                    "SIGNATORY",
                    SeedStory.DANDERYD),
            new Person("Täbys handläggare", "taby.officer", "Tove Täbysdotter", "MUNICIPALITY_OFFICER", "0160"),
            new Person(
                    "Länsstyrelsens handläggare", "lansstyrelsen.handlaggare", "Lars Länsman", "FUNDER_OFFICER", null),
            new Person("Revisor", "revisor", "Rut Revisor", "AUDITOR", null),
            new Person("Driftansvarig", "operator", "Olle Operatör", "OPERATOR", null));

    /** How long a printed link signs in for, unless {@code --minutes} says otherwise: a working day. */
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(8);

    private SignInLinks() {}

    static String webUrl(Map<String, String> env) {
        return "http://127.0.0.1:" + env.getOrDefault("WEB_PORT", "8080") + "/";
    }

    /** The {@code links} subcommand. */
    static void run(
            String[] args, Map<String, String> env, Path keyFile, String issuer, String audience, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = options.getOrDefault("base", webUrl(env));
        Duration validity = options.containsKey("minutes")
                ? Duration.ofMinutes(Long.parseLong(options.get("minutes")))
                : DEFAULT_VALIDITY;
        print(base, new TokenMinter(LocalSigningKey.loadOrCreate(keyFile), issuer, audience), validity, out);
    }

    static void print(String base, TokenMinter tokens, Duration validity, PrintStream out) {
        out.println("Sign-in links (valid " + validity.toHours() + " h; open one per browser profile or private"
                + " window, one person per tab session):");
        for (Person person : PEOPLE) {
            out.println("  " + person.label() + ", " + person.name() + ":");
            out.println("    " + link(base, tokens, person, validity));
        }
    }

    static String link(String base, TokenMinter tokens, Person person, Duration validity) {
        String token = tokens.mint(person.sub(), person.name(), person.role(), person.municipality(), validity);
        return (base.endsWith("/") ? base : base + "/") + "#token=" + token;
    }
}
