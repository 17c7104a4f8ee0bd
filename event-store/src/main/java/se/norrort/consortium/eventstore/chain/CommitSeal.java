package se.norrort.consortium.eventstore.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The seal of one stored commit: a signature, made with the service's private key when the commit is appended, over
 * the {@linkplain #statement statement} "this application's event at this sequence, the commit's last, has this chain
 * hash". The chain hash covers every event of the stream up to it, so a valid seal vouches for the whole stream up
 * to that event; a commit appended outside the command-service (by someone with database access but without the
 * key) carries no valid seal. The form is documented in {@code doc/event-store.md}.
 *
 * @param keyId     the id ({@code kid}) of the key that signed
 * @param signature RS256 (RSASSA-PKCS1-v1_5 with SHA-256) over the UTF-8 bytes of the statement, base64url without
 *                  padding
 */
public record CommitSeal(String keyId, String signature) {

    /** The statement's {@code type}, so that a seal can never be mistaken for another signed object. */
    public static final String TYPE = "norrort-commit-seal";

    /**
     * The canonical statement a seal signs: the JSON object {@code {aggregateId, chainHash, kid, sequence, type}} in
     * {@link HashChain#canonicalJson canonical form}.
     */
    public static byte[] statement(String aggregateId, long lastSequence, String chainHash, String keyId) {
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("aggregateId", aggregateId);
        statement.put("chainHash", chainHash);
        statement.put("kid", keyId);
        statement.put("sequence", lastSequence);
        statement.put("type", TYPE);
        return HashChain.canonicalJson(statement).getBytes(StandardCharsets.UTF_8);
    }
}
