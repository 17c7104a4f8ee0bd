package se.norrort.consortium.command.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.SecurityProperties;

/**
 * The command-service seals every commit it appends with the service's private key (the key file
 * {@code norrort.security.key-file}, in every security mode): the event log picks this {@link CommitSealer} up.
 * The query-service verifies the seals with the public half of the same key (ADR 0010).
 */
@Configuration
public class CommitSealing {

    @Bean
    public CommitSealer commitSealer(SecurityProperties properties) throws JOSEException {
        RSAKey key = LocalSigningKey.forService(properties);
        return RsaCommitSeals.sealer(LocalSigningKey.keyId(key), key.toRSAPrivateKey());
    }
}
