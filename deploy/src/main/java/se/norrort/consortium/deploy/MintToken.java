package se.norrort.consortium.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.TokenMinter;

/**
 * {@code norrort-local.jar token --sub ID --name NAME --role ROLE [--municipality CODE] [--minutes N]}: prints a
 * bearer token signed with the embedded default's local key (in the data folder), for trying the system. Tokens are
 * only minted here, on the machine that holds the key; no HTTP endpoint mints them.
 */
final class MintToken {

    /** The longest lifetime a minted token may have: 12 hours. */
    static final int MAX_MINUTES = 12 * 60;

    private MintToken() {}

    static void run(String[] args, Path keyFile, String issuer, String audience) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String sub = options.get("sub");
        String role = options.get("role");
        if (sub == null || role == null) {
            usage("--sub and --role are required");
        }
        int minutes;
        try {
            minutes = Integer.parseInt(options.getOrDefault("minutes", "60"));
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        // 0 mints a token that has already expired (to try what a client does with one); never longer than 12 h
        if (minutes < 0 || minutes > MAX_MINUTES) {
            usage("--minutes must be 0 to " + MAX_MINUTES);
        }
        if (!java.nio.file.Files.isRegularFile(keyFile)) {
            // never create a key here: a token signed with a new key would verify nowhere, and the services would
            // later pick up a key nobody meant them to have
            usage("no key at " + keyFile + "; start the stack once (it creates the key), or set NORRORT_DATA_DIR");
        }
        String token = new TokenMinter(LocalSigningKey.loadOrCreate(keyFile), issuer, audience)
                .mint(
                        sub,
                        options.getOrDefault("name", sub),
                        role,
                        options.get("municipality"),
                        Duration.ofMinutes(minutes));
        System.out.println(token);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: token --sub ID --role MUNICIPALITY_OFFICER|SIGNATORY|FUNDER_OFFICER|AUDITOR|OPERATOR"
                + " [--name NAME] [--municipality CODE] [--minutes N]");
        System.exit(2);
    }
}
