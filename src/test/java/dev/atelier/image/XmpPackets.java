package dev.atelier.image;

import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Reads provenance packets in tests with a namespace-aware XML parser, never by string search. */
public final class XmpPackets {
    public static final String IPTC = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    public static final String XMP = "http://ns.adobe.com/xap/1.0/";

    private XmpPackets() {
    }

    public static Document xml(String packet) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(packet.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of IPTC extension element {@code name}, or null when absent. */
    public static String iptc(Document doc, String name) {
        var nodes = doc.getElementsByTagNameNS(IPTC, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
