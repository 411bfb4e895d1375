package dev.atelier.image;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;

/**
 * The AI provenance label Atelier puts in every PNG it writes: an XMP packet (PNG iTXt keyword
 * {@value #XMP_KEY}) with IPTC's {@code DigitalSourceType} = trainedAlgorithmicMedia,
 * {@code AISystemUsed}, {@code AISystemVersionUsed} and the creation date (IPTC Photo Metadata
 * 2025.1). The prompt ({@code AIPromptInformation}) is included only when the user opts in.
 *
 * @param systemUsed    e.g. {@code Atelier (tiny-shapes)}
 * @param systemVersion e.g. {@code 0.1.0}
 * @param created       when the image was made
 * @param prompt        the prompt, or null to keep it out of the label (the default)
 */
public record ProvenanceLabel(String systemUsed, String systemVersion, Instant created, String prompt) {
    public static final String XMP_KEY = "XML:com.adobe.xmp";
    /** The version written into Atelier's labels (the window's, the CLI's and the history's). */
    public static final String ATELIER_VERSION = "0.1.0";
    public static final String TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String XMP = "http://ns.adobe.com/xap/1.0/";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    public ProvenanceLabel {
        Objects.requireNonNull(systemUsed, "systemUsed");
        Objects.requireNonNull(systemVersion, "systemVersion");
        Objects.requireNonNull(created, "created");
    }

    /**
     * The label for an image made by Atelier {@code version} with {@code modelName}; the date is
     * kept to the day so the same settings still give byte-identical files (within a day).
     */
    public static ProvenanceLabel atelier(String version, String modelName, Instant created) {
        return new ProvenanceLabel("Atelier (" + modelName + ")", version,
                created.truncatedTo(java.time.temporal.ChronoUnit.DAYS), null);
    }

    public ProvenanceLabel withPrompt(String value) {
        return new ProvenanceLabel(systemUsed, systemVersion, created, value);
    }

    /** The XMP packet. */
    public String toXmp() {
        StringBuilder out = new StringBuilder()
                .append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append(" <rdf:RDF xmlns:rdf=\"").append(RDF).append("\">\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"").append(IPTC_EXT)
                .append("\" xmlns:xmp=\"").append(XMP).append("\">\n");
        element(out, "Iptc4xmpExt:DigitalSourceType", TRAINED_ALGORITHMIC_MEDIA);
        element(out, "Iptc4xmpExt:AISystemUsed", systemUsed);
        element(out, "Iptc4xmpExt:AISystemVersionUsed", systemVersion);
        if (prompt != null) {
            element(out, "Iptc4xmpExt:AIPromptInformation", prompt);
        }
        element(out, "xmp:CreateDate", created.toString());
        return out.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>").toString();
    }

    private static void element(StringBuilder out, String name, String value) {
        out.append("   <").append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The label in an XMP packet, read with a namespace-aware XML parser (no DTDs, no external
     * entities); empty when the packet has no trainedAlgorithmicMedia DigitalSourceType.
     *
     * @throws IllegalArgumentException when the packet is not well-formed XML
     */
    public static Optional<ProvenanceLabel> parse(String xmp) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(xmp.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("the XMP packet is not well-formed XML: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        String source = value(doc, IPTC_EXT, "DigitalSourceType");
        if (!TRAINED_ALGORITHMIC_MEDIA.equals(source)) {
            return Optional.empty();
        }
        Instant created;
        try {
            String date = value(doc, XMP, "CreateDate");
            created = date == null ? Instant.EPOCH : Instant.parse(date);
        } catch (DateTimeParseException e) {
            created = Instant.EPOCH;
        }
        return Optional.of(new ProvenanceLabel(Objects.requireNonNullElse(value(doc, IPTC_EXT, "AISystemUsed"), ""),
                Objects.requireNonNullElse(value(doc, IPTC_EXT, "AISystemVersionUsed"), ""), created,
                value(doc, IPTC_EXT, "AIPromptInformation")));
    }

    private static String value(Document doc, String namespace, String name) {
        Node node = doc.getElementsByTagNameNS(namespace, name).item(0);
        if (node != null) {
            return node.getTextContent().strip();
        }
        // XMP also allows the property as an attribute of rdf:Description
        var descriptions = doc.getElementsByTagNameNS(RDF, "Description");
        for (int i = 0; i < descriptions.getLength(); i++) {
            var attr = ((org.w3c.dom.Element) descriptions.item(i)).getAttributeNodeNS(namespace, name);
            if (attr != null) {
                return attr.getValue().strip();
            }
        }
        return null;
    }

    /**
     * Writes a copy of the PNG {@code source} for sharing: the same pixels and this image's label
     * (without the prompt), but no {@code parameters} and no other text chunk.
     *
     * @throws IOException naming the file when it cannot be read or written
     */
    public static void writeWithoutPrompt(Path source, Path target) throws IOException {
        PngContents png = PngFiles.read(source);
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        String xmp = png.texts().get(XMP_KEY);
        Optional<ProvenanceLabel> label = xmp == null ? Optional.empty() : parse(xmp);
        label.ifPresent(l -> texts.put(XMP_KEY, l.withPrompt(null).toXmp()));
        PngFiles.write(png.image(), texts, target);
    }
}
