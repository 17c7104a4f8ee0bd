package se.norrort.consortium.query.auditor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.eventstore.chain.SealVerifier;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.SecurityProperties;

/**
 * The commit seals the auditor's verification and the archive export require: made by the command-service with the
 * key in {@code norrort.security.key-file} (the same file as this service's), or with a retired key whose public
 * half is listed in {@code norrort.security.retired-public-keys}.
 */
@Configuration
public class SealVerification {

    @Bean
    public SealVerifier sealVerifier(SecurityProperties properties) {
        return RsaCommitSeals.verifier(
                LocalSigningKey.publicKeys(LocalSigningKey.forService(properties), properties.retiredPublicKeys()));
    }
}
