package io.idvmedia.media;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * S3's XML, read with the JDK's streaming parser into a small tree (no DTD, no external entity is ever resolved) and
 * written with its text escaped.
 */
final class S3Xml {

    private static final XMLInputFactory FACTORY = factory();

    private S3Xml() {
    }

    /** An element: its local name, its text (its own, trimmed) and its child elements in order. */
    record Element(String name, String text, List<Element> children) {

        /** The first child of that name. */
        Optional<Element> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        /** The text of the first child of that name, or empty when there is none. */
        String text(String childName) {
            return child(childName).map(Element::text).orElse("");
        }

        List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }
    }

    /**
     * The document's root element.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed document
     */
    static Element parse(byte[] document) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            try {
                Deque<List<Element>> children = new ArrayDeque<>();
                Deque<StringBuilder> texts = new ArrayDeque<>();
                Deque<String> names = new ArrayDeque<>();
                Element root = null;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        names.push(reader.getLocalName());
                        texts.push(new StringBuilder());
                        children.push(new ArrayList<>());
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        if (!texts.isEmpty()) {
                            texts.peek().append(reader.getText());
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        Element element = new Element(names.pop(), texts.pop().toString().strip(),
                                List.copyOf(children.pop()));
                        if (children.isEmpty()) {
                            root = element;
                        } else {
                            children.peek().add(element);
                        }
                    }
                }
                if (root == null) {
                    throw new IllegalArgumentException("an XML document without an element");
                }
                return root;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            // Never the parser's message: it may quote the document.
            throw new IllegalArgumentException("a malformed XML document");
        }
    }

    /** Text for an element's content, its markup characters escaped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * The JDK's own parser, taken directly: not looked for among the class path's services and properties files as
     * {@code newFactory()} does (about 15 ms of a function's first store answer), and never another implementation
     * that a library on the class path might name, for which the settings below would have to be checked again.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
