package se.norrort.consortium.archive;

import static se.norrort.consortium.archive.Texts.escape;

import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;

/**
 * The package's descriptive metadata, {@code metadata/descriptive/dc.xml}: simple Dublin Core in the OAI-DC
 * container ({@code MDTYPE="DC"} in the METS): title, identifiers (the application id and the funder's case number),
 * creator (the project owner), contributors (the municipalities that joined), subjects (the target groups), dates (the
 * opening and the funder's decision), coverage (the project period), type, language and a description. It holds
 * nothing about the export, so two exports of the same history describe it alike.
 */
final class DublinCore {

    private DublinCore() {}

    static String render(String applicationId, HistoryFacts facts) {
        ApplicationState state = facts.state;
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"")
                .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/")
                .append(" http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">\n");
        element(xml, "title", state.title() == null ? applicationId : state.title());
        element(xml, "identifier", applicationId);
        if (state.caseNumber() != null) {
            element(xml, "identifier", state.funderName() + " dnr " + state.caseNumber());
        }
        if (state.ownerMunicipality() != null) {
            element(xml, "creator", Texts.municipalityName(state.ownerMunicipality()) + " (projektägare)");
        }
        state.municipalitiesWith(MembershipStatus.JOINED).stream()
                .filter(code -> !code.equals(state.ownerMunicipality()))
                .forEach(code -> element(xml, "contributor", Texts.municipalityName(code)));
        state.targetGroups().forEach(group -> element(xml, "subject", group));
        element(
                xml,
                "description",
                "Gemensam ansökan från kommunerna i Koordination Norrort till "
                        + state.funderName() + " enligt " + Texts.legalBasis(state.legalBasis()) + ": ansökans hela"
                        + " händelsehistorik (beslut, delegeringar, underskrifter, bidragsgivarens beslut och redovisningar)"
                        + " med bifogade dokument. Status: " + Texts.status(state.status()) + ".");
        if (facts.opened != null) {
            element(
                    xml,
                    "date",
                    facts.opened.at().atZone(Texts.STOCKHOLM).toLocalDate().toString());
        }
        if (state.fundingDecisionDate() != null) {
            element(xml, "date", state.fundingDecisionDate().toString());
        }
        if (state.periodStart() != null) {
            element(xml, "coverage", state.periodStart() + "/" + state.periodEnd());
        }
        element(xml, "type", "Dataset");
        element(xml, "type", "Text");
        element(xml, "language", "sv");
        xml.append("</oai_dc:dc>\n");
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, String value) {
        if (value != null && !value.isBlank()) {
            xml.append("  <dc:")
                    .append(name)
                    .append('>')
                    .append(escape(value))
                    .append("</dc:")
                    .append(name)
                    .append(">\n");
        }
    }
}
