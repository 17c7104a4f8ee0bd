package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The shared codes answer the status and title a plain status problem of theirs has always had. */
class CommonProblemCodeTest {

    @Test
    void eachCodeOfAPlainStatusHasThatStatusAndItsTitle() {
        for (HttpStatus status : HttpStatus.values()) {
            if (!status.isError()) {
                continue;
            }
            CommonProblemCode code = ProblemCodes.codeFor(status);
            if (code == CommonProblemCode.INVALID_REQUEST || code == CommonProblemCode.INTERNAL_ERROR) {
                continue; // the codes of every status without one of its own
            }
            assertThat(code.status().value()).as(status.toString()).isEqualTo(status.value());
            assertThat(code.title()).as(status.toString()).isEqualTo(ProblemCodes.title(status));
        }
    }

    @Test
    void theCodesClientsSeeAreUnchanged() {
        assertThat(ProblemCodes.forStatus(HttpStatus.UNAUTHORIZED)).isEqualTo("UNAUTHENTICATED");
        assertThat(ProblemCodes.forStatus(HttpStatus.FORBIDDEN)).isEqualTo("ROLE_NOT_ALLOWED");
        assertThat(ProblemCodes.forStatus(HttpStatus.UNPROCESSABLE_CONTENT)).isEqualTo("INVALID_REQUEST");
        assertThat(ProblemCodes.forStatus(HttpStatus.GONE)).isEqualTo("INVALID_REQUEST");
        assertThat(ProblemCodes.forStatus(HttpStatus.BAD_GATEWAY)).isEqualTo("INTERNAL_ERROR");
        assertThat(ProblemCodes.forStatus(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE))
                .isEqualTo("HEADERS_TOO_LARGE");
    }
}
