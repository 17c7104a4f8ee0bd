package se.norrort.consortium.archive;

import static se.norrort.consortium.archive.Texts.escape;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.eventstore.chain.HashChain.BrokenLink;
import se.norrort.consortium.eventstore.mongo.CommitChainVerifier;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Delegation;
import se.norrort.consortium.model.ApplicationState.Membership;

/**
 * The package's {@code documentation/report.html}: the application's whole story for a human reader, in Swedish, as
 * one self-contained UTF-8 HTML file (no scripts, no external resources; every value HTML-escaped). Everything in it
 * follows from {@code events.jsonl} and the documents, except the export's own facts (when, by whom).
 */
final class ReportHtml {

    /** What the report says about the export itself. */
    record Export(
            String packageId,
            Instant exportedAt,
            ExportedBy exportedBy,
            String software,
            List<Jwks.KeyFingerprint> sealKeys) {}

    private final StringBuilder html = new StringBuilder(32 * 1024);

    private ReportHtml() {}

    static String render(
            String applicationId,
            HistoryFacts facts,
            CommitChainVerifier.Outcome chain,
            List<DocumentContents.Packed> documents,
            Export export) {
        ReportHtml report = new ReportHtml();
        report.write(applicationId, facts, chain, documents, export);
        return report.html.toString();
    }

    private void write(
            String applicationId,
            HistoryFacts facts,
            CommitChainVerifier.Outcome chain,
            List<DocumentContents.Packed> documents,
            Export export) {
        ApplicationState state = facts.state;
        String title = state.title() == null ? applicationId : state.title();
        raw("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n");
        raw("<title>").text("Arkivpaket: " + title).raw("</title>\n");
        raw("<style>\nbody{font-family:sans-serif;margin:2em;max-width:80em;color:#111}\n"
                + "table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
                + "th,td{border:1px solid #999;padding:0.25em 0.5em;text-align:left;vertical-align:top}\n"
                + "th{background:#eee}\n.amount{white-space:nowrap;text-align:right}\n"
                + ".hash{font-family:monospace;word-break:break-all}\n.broken{color:#a00;font-weight:bold}\n"
                + ".ok{color:#060;font-weight:bold}\n</style>\n</head>\n<body>\n");
        raw("<h1>").text(title).raw("</h1>\n");
        raw("<p>Arkivpaket (E-ARK SIP) med hela händelsehistoriken för ansökan <code>")
                .text(applicationId)
                .raw("</code>, bifogade dokument och denna redogörelse. Tider anges i svensk tid (Europe/Stockholm)."
                        + "</p>\n");
        application(applicationId, state, facts);
        memberships(state, facts);
        decisions(facts);
        delegations(state, facts);
        signatures(state, facts);
        budget(state);
        funding(state, facts);
        reports(state, facts);
        documents(documents);
        history(facts, chain, export.sealKeys());
        export(export);
        raw("</body>\n</html>\n");
    }

    private void application(String applicationId, ApplicationState state, HistoryFacts facts) {
        raw("<h2>Ansökan</h2>\n<table>\n");
        row("Titel", state.title());
        row("Ansökans id", applicationId);
        row("Projektägare", Texts.municipality(state.ownerMunicipality()));
        row("Bidragsgivare", state.funderName());
        row("Rättslig grund", Texts.legalBasis(state.legalBasis()));
        row("Projektperiod", state.periodStart() == null ? "" : state.periodStart() + " – " + state.periodEnd());
        row("Sista dag för anslutning", date(state.joiningDeadline()));
        row("Målgrupper", String.join(", ", state.targetGroups()));
        amountRow("Sökt belopp", state.appliedAmountSek());
        row(
                "Status",
                Texts.status(state.status())
                        + (state.closingReason() == null ? "" : " (" + state.closingReason() + ")"));
        row("Öppnad", recorded(facts.opened));
        row("Inlämnad", recorded(facts.submitted));
        raw("</table>\n");
    }

    private void memberships(ApplicationState state, HistoryFacts facts) {
        raw("<h2>Kommunerna i ansökan</h2>\n");
        List<Membership> memberships = state.memberships();
        if (memberships.isEmpty()) {
            raw("<p>Inga kommuner är inbjudna.</p>\n");
            return;
        }
        raw("<table id=\"membership\">\n");
        header(
                "Kommun",
                "Status",
                "Nämndbeslut",
                "Sista dag att överklaga",
                "Samverkansblanketten undertecknad av",
                "Undertecknad",
                "Anmärkning");
        for (Membership m : memberships) {
            HistoryFacts.Signed signed = m.signed() ? facts.latestSignature(m.municipality()) : null;
            raw("<tr>");
            cell(Texts.municipality(m.municipality()));
            cell(Texts.membership(m.status()));
            cell(Texts.decision(m.decision()));
            cell(date(m.appealDeadline()));
            cell(
                    m.signature() == null
                            ? ""
                            : m.signature().signatoryName() + " ("
                                    + m.signature().signatoryRole() + ")");
            cell(signed == null ? "" : Texts.time(signed.at()));
            cell(m.reason());
            raw("</tr>\n");
        }
        raw("</table>\n");
    }

    private void decisions(HistoryFacts facts) {
        raw("<h2>Nämndbeslut</h2>\n");
        if (facts.decisions.isEmpty()) {
            raw("<p>Inga nämndbeslut är registrerade.</p>\n");
            return;
        }
        raw("<table id=\"decisions\">\n");
        header(
                "Registrerat",
                "Kommun",
                "Beslut om",
                "Organ och paragraf",
                "Sammanträde",
                "Justering",
                "Sista dag att överklaga",
                "Registrerat av");
        for (HistoryFacts.Decision d : facts.decisions) {
            raw("<tr>");
            cell(Texts.time(d.recordedAt()));
            cell(Texts.municipality(d.municipality()));
            cell(d.kind() + (d.previous() == null ? "" : " (tidigare " + Texts.decision(d.previous()) + ")"));
            cell(d.reference().body() + " " + d.reference().paragraph());
            cell(d.reference().meetingDate().toString());
            cell(
                    d.reference().immediateAdjustment()
                            ? "Omedelbart justerad"
                            : "Anslagen " + d.reference().announcementDate());
            cell(date(d.appealDeadline()));
            cell(by(d.recordedBy()));
            raw("</tr>\n");
        }
        raw("</table>\n");
    }

    private void delegations(ApplicationState state, HistoryFacts facts) {
        raw("<h2>Delegeringar av undertecknandet</h2>\n");
        if (state.delegations().isEmpty()) {
            raw("<p>Inga delegeringar är registrerade.</p>\n");
            return;
        }
        raw("<table id=\"delegations\">\n");
        header(
                "Delegering",
                "Delegerat av",
                "Till",
                "Genom beslut",
                "Omfattning",
                "Registrerad",
                "Giltig till och med",
                "Återkallad");
        for (Delegation d : state.delegations()) {
            HistoryFacts.Recorded delegated = facts.delegated.get(d.delegationId());
            HistoryFacts.Recorded revoked = facts.revoked.get(d.delegationId());
            raw("<tr>");
            cell(d.delegationId().toString());
            cell(Texts.municipality(d.municipality())
                    + (d.decision() == null ? "" : ", " + d.decision().body()));
            cell(d.delegateName() + " (" + d.delegateRole() + ")");
            cell(Texts.decision(d.decision()));
            cell(d.scope());
            cell(recorded(delegated));
            cell(d.validUntil() == null ? "Tills vidare" : d.validUntil().toString());
            cell(
                    !d.revoked()
                            ? "Nej"
                            : "Ja" + (revoked == null ? "" : ", " + recorded(revoked))
                                    + (d.revocationReason() == null ? "" : ": " + d.revocationReason()));
            raw("</tr>\n");
        }
        raw("</table>\n");
    }

    private void signatures(ApplicationState state, HistoryFacts facts) {
        raw("<h2>Underskrifter av samverkansblanketten</h2>\n");
        if (facts.signatures.isEmpty()) {
            raw("<p>Ingen samverkansblankett är undertecknad.</p>\n");
            return;
        }
        raw("<table id=\"signatures\">\n");
        header("Kommun", "Undertecknare", "Roll", "Delegering som användes", "Undertecknad", "Registrerad av");
        for (HistoryFacts.Signed s : facts.signatures) {
            DelegationId delegationId = s.signature().delegationId();
            String delegation = delegationId == null
                    ? ""
                    : delegationId.toString()
                            + state.delegation(delegationId)
                                    .map(d -> " (" + Texts.decision(d.decision()) + ")")
                                    .orElse("");
            raw("<tr>");
            cell(Texts.municipality(s.signature().municipality()));
            cell(s.signature().signatoryName());
            cell(s.signature().signatoryRole());
            cell(delegation);
            cell(Texts.time(s.at()));
            cell(by(s.recordedBy()));
            raw("</tr>\n");
        }
        raw("</table>\n");
    }

    private void budget(ApplicationState state) {
        Map<MunicipalityCode, Map<Integer, Long>> lines = state.budgetLines();
        if (lines.isEmpty()) {
            return;
        }
        raw("<h2>Budget</h2>\n<table id=\"budget\">\n");
        header("Kommun", "År", "Belopp");
        lines.forEach((code, years) -> years.forEach((year, amount) -> {
            raw("<tr>");
            cell(Texts.municipality(code));
            cell(String.valueOf(year));
            raw("<td class=\"amount\">").text(Texts.sek(amount)).raw("</td>");
            raw("</tr>\n");
        }));
        raw("<tr><th colspan=\"2\">Summa</th><td class=\"amount\">")
                .text(Texts.sek(state.budgetTotalSek()))
                .raw("</td></tr>\n</table>\n");
    }

    private void funding(ApplicationState state, HistoryFacts facts) {
        raw("<h2>Bidragsgivarens beslut</h2>\n");
        ApplicationState.Status decided =
                state.status() == ApplicationState.Status.CLOSED ? state.statusBeforeClosing() : state.status();
        if (decided == ApplicationState.Status.GRANTED) {
            raw("<table id=\"award\">\n");
            row("Beslut", "Beviljad");
            amountRow("Beviljat belopp", state.grantedAmountSek());
            amountRow("Sökt belopp", state.appliedAmountSek());
            row("Diarienummer", state.caseNumber());
            row("Beslutsdatum", date(state.fundingDecisionDate()));
            row("Villkor", state.conditions());
            row("Registrerat", recorded(facts.fundingDecision));
            raw("</table>\n");
        } else if (decided == ApplicationState.Status.REJECTED) {
            raw("<table id=\"rejection\">\n");
            row("Beslut", "Avslag");
            row("Diarienummer", state.caseNumber());
            row("Beslutsdatum", date(state.fundingDecisionDate()));
            row("Skäl", state.rejectionReason());
            row("Registrerat", recorded(facts.fundingDecision));
            raw("</table>\n");
        } else {
            raw("<p>Bidragsgivaren har inte beslutat.</p>\n");
        }
    }

    private void reports(ApplicationState state, HistoryFacts facts) {
        if (state.reports().isEmpty()) {
            return;
        }
        raw("<h2>Redovisningar</h2>\n<table id=\"reports\">\n");
        header("Redovisning", "Ska lämnas senast", "Inlämnad", "Försenad", "Använt belopp", "Dokument");
        for (ApplicationState.Report r : state.reports()) {
            Instant submitted = facts.reportsSubmitted.get(r.report());
            raw("<tr>");
            cell(Texts.report(r.report()));
            cell(date(r.dueDate()));
            cell(r.submitted() ? "Ja" + (submitted == null ? "" : ", " + Texts.time(submitted)) : "Nej");
            cell(r.overdue() ? "Ja" : "Nej");
            raw("<td class=\"amount\">")
                    .text(r.usedAmountSek() == null ? "" : Texts.sek(r.usedAmountSek()))
                    .raw("</td>");
            cell(r.reportDocument() == null ? "" : r.reportDocument().toString());
            raw("</tr>\n");
        }
        raw("</table>\n<table>\n");
        amountRow("Rekvirerat", state.requisitionedSek());
        amountRow("Återkrävt", state.repaymentClaimedSek());
        raw("</table>\n");
    }

    private void documents(List<DocumentContents.Packed> documents) {
        raw("<h2>Bifogade dokument</h2>\n");
        if (documents.isEmpty()) {
            raw("<p>Inga dokument är bifogade.</p>\n");
            return;
        }
        raw("<table id=\"documents\">\n");
        header(
                "Dokument",
                "Slag",
                "Kommun",
                "Filnamn",
                "Mediatyp",
                "Storlek (byte)",
                "SHA-256",
                "I paketet",
                "Kontroll");
        for (DocumentContents.Packed p : documents) {
            ApplicationState.Document d = p.document();
            raw("<tr>");
            cell(d.documentId().toString());
            cell(d.kind() == null ? "" : d.kind().name());
            cell(Texts.municipality(d.municipality()));
            cell(d.fileName());
            cell(d.mediaType());
            cell(String.valueOf(d.sizeBytes()));
            raw("<td class=\"hash\">").text(d.sha256()).raw("</td>");
            cell(p.packagePath() == null ? "" : "representations/rep1/data/" + p.packagePath());
            switch (p.status()) {
                case OK ->
                    raw("<td class=\"ok\">")
                            .text("Innehållet stämmer med kontrollsumman")
                            .raw("</td>");
                case DIGEST_MISMATCH ->
                    raw("<td class=\"broken\">")
                            .text("Innehållet har en annan kontrollsumma: " + p.sha256())
                            .raw("</td>");
                case MISSING ->
                    raw("<td class=\"broken\">")
                            .text("Innehållet saknas i lagret")
                            .raw("</td>");
            }
            raw("</tr>\n");
        }
        raw("</table>\n");
    }

    private void history(HistoryFacts facts, CommitChainVerifier.Outcome chain, List<Jwks.KeyFingerprint> sealKeys) {
        raw("<h2>Händelser och verifiering</h2>\n<table id=\"verification\">\n");
        row("Antal händelser", String.valueOf(facts.events));
        row("Första händelsen", Texts.time(facts.first));
        row("Senaste händelsen", Texts.time(facts.last));
        raw("<tr><th>Kedjans huvudhash</th><td class=\"hash\">")
                .text(chain.headHash())
                .raw("</td></tr>\n");
        if (chain.ok()) {
            raw("<tr><th>Verifiering</th><td class=\"ok\">")
                    .text("Hashkedjan verifierar: alla " + chain.events() + " händelser är oförändrade och i följd.")
                    .raw("</td></tr>\n");
        } else {
            BrokenLink broken = chain.brokenAt().orElseThrow();
            raw("<tr><th>Verifiering</th><td class=\"broken\">")
                    .text("Hashkedjan verifierar INTE: bruten vid händelse nr " + broken.index() + " (sekvens "
                            + broken.sequence() + ", position " + broken.position() + "): " + broken.reason()
                            + ". " + chain.events() + " händelser verifierade före brottet; huvudhashen ovan gäller"
                            + " dem.")
                    .raw("</td></tr>\n");
        }
        if (sealKeys == null) {
            row("Sigill", "Kommandotjänstens sigill kontrollerades inte vid exporten (ingen nyckel).");
        } else {
            StringBuilder keys = new StringBuilder();
            sealKeys.forEach(k -> keys.append(" Nyckel ")
                    .append(k.kid())
                    .append(", tumavtryck (RFC 7638, SHA-256) ")
                    .append(k.thumbprint())
                    .append("."));
            row(
                    "Sigill",
                    "Varje lagringspost bär kommandotjänstens sigill (RS256) över sin sista händelses hash;"
                            + " sigillen kontrollerades vid exporten." + keys
                            + " Jämför nyckeln med organisationens egen"
                            + " kopia: sigillen bevisar bara att den som har nyckeln förseglade händelserna.");
        }
        if (facts.unreadableCount > 0) {
            StringBuilder list = new StringBuilder();
            facts.unreadable.forEach(u -> list.append("sekvens ")
                    .append(u.sequence())
                    .append(" (")
                    .append(u.type())
                    .append("): ")
                    .append(u.reason())
                    .append(". "));
            row(
                    "Oläsbara händelser",
                    facts.unreadableCount + " (finns i events.jsonl men ingår inte i" + " sammanställningen). "
                            + list.toString().strip());
        }
        raw("</table>\n");
        raw("<p>Varje rad i <code>representations/rep1/data/events.jsonl</code> är en lagrad händelse, i ordning, med"
                + " sin payload och metadata exakt som lagrade och sin länk i hashkedjan (<code>chainHash</code>:"
                + " SHA-256 av en kanonisk JSON av händelsen och föregående händelses hash). Kedjan kan räknas om"
                + " ur filen.</p>\n");
    }

    private void export(Export export) {
        raw("<h2>Export</h2>\n<table id=\"export\">\n");
        row("Paket-id", export.packageId());
        row("Exporterat", Texts.time(export.exportedAt()) + " (" + export.exportedAt() + ")");
        ExportedBy by = export.exportedBy();
        row(
                "Exporterat av",
                by.name() + " (" + by.id() + (by.role() == null ? "" : ", " + Texts.role(by.role())) + ")");
        row("Programvara", export.software());
        row(
                "Paketstruktur",
                "E-ARK CSIP " + SipValidation.SPECIFICATION + " och E-ARK SIP " + SipValidation.SPECIFICATION
                        + " (grunden för FGS Paketstruktur 2.0)");
        raw("</table>\n");
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static String recorded(HistoryFacts.Recorded recorded) {
        if (recorded == null) {
            return "";
        }
        String by = by(recorded.by());
        return Texts.time(recorded.at()) + (by.isEmpty() ? "" : " av " + by);
    }

    private static String by(HistoryFacts.RecordedBy by) {
        if (by == null || by.name() == null) {
            return "";
        }
        return by.name()
                + (by.role() == null
                        ? ""
                        : " (" + Texts.role(by.role()) + (by.municipality() == null ? "" : ", " + by.municipality())
                                + ")");
    }

    private void header(String... names) {
        raw("<tr>");
        for (String name : names) {
            raw("<th>").text(name).raw("</th>");
        }
        raw("</tr>\n");
    }

    private void row(String name, String value) {
        raw("<tr><th>").text(name).raw("</th><td>").text(value).raw("</td></tr>\n");
    }

    private void amountRow(String name, long amount) {
        raw("<tr><th>")
                .text(name)
                .raw("</th><td class=\"amount\">")
                .text(Texts.sek(amount))
                .raw("</td></tr>\n");
    }

    private void cell(String value) {
        raw("<td>").text(value).raw("</td>");
    }

    private ReportHtml raw(String markup) {
        html.append(markup);
        return this;
    }

    private ReportHtml text(String value) {
        html.append(escape(value));
        return this;
    }
}
