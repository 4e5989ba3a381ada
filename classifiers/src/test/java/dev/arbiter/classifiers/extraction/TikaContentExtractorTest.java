package dev.arbiter.classifiers.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.imagehash.TestImages;
import dev.arbiter.classifiers.language.LanguageIdentifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TikaContentExtractorTest {

    private static final String ENGLISH = "Congratulations, you have won a free cruise. Reply today with your bank "
            + "details so that we can transfer the prize money to your account before the offer expires.";

    private static TikaContentExtractor extractor;

    @BeforeAll
    static void start() {
        extractor = new TikaContentExtractor(ExtractionLimits.DEFAULTS, Optional.of(LanguageIdentifier.withDefaults()));
    }

    @AfterAll
    static void stop() {
        extractor.close();
    }

    private static ExtractedContent extracted(ExtractionResult result) {
        assertThat(result).isInstanceOf(ExtractionResult.Extracted.class);
        return result.content().orElseThrow();
    }

    private static ExtractionFailure failure(ExtractionResult result) {
        assertThat(result).isInstanceOf(ExtractionResult.Failed.class);
        return ((ExtractionResult.Failed) result).failure();
    }

    @Test
    void plainTextGetsTextAndLanguage() {
        ExtractedContent content = extracted(extractor.extract(ENGLISH.getBytes(StandardCharsets.UTF_8), "m.txt"));
        assertThat(content.mediaType()).isEqualTo("text/plain");
        assertThat(content.text()).contains("free cruise");
        assertThat(content.language()).contains("en");
        assertThat(content.truncated()).isFalse();
    }

    @Test
    void htmlLosesItsMarkup() {
        String html = "<html><head><title>Angebot</title></head><body><p>Sie haben <b>gewonnen</b>! Bitte senden "
                + "Sie uns heute Ihre Bankverbindung, damit wir den Gewinn überweisen können.</p></body></html>";
        ExtractedContent content = extracted(extractor.extract(html.getBytes(StandardCharsets.UTF_8), "offer"));
        assertThat(content.mediaType()).isEqualTo("text/html");
        assertThat(content.text()).contains("Sie haben gewonnen!").doesNotContain("<b>");
        assertThat(content.metadataValue("dc:title")).contains("Angebot");
        assertThat(content.language()).contains("de");
    }

    @Test
    void emailGivesBodyHeadersAndAttachedImages() {
        byte[] png = TestImages.png(TestImages.scene(42, 200, 150));
        String eml = "From: Prize Desk <desk@example.org>\r\nTo: you@example.com\r\nSubject: You won\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + ENGLISH + "\r\n"
                + "--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"prize.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(png)
                + "\r\n--b1--\r\n";
        ExtractedContent content = extracted(extractor.extract(eml.getBytes(StandardCharsets.UTF_8), "mail"));
        assertThat(content.mediaType()).isEqualTo("message/rfc822");
        assertThat(content.text()).contains("bank details");
        assertThat(content.metadataValue("dc:title")).contains("You won");
        assertThat(content.metadataValue("Message-From")).hasValueSatisfying(from -> assertThat(from)
                .contains("desk@example.org"));
        assertThat(content.mediaParts()).singleElement().satisfies(part -> {
            assertThat(part.name()).isEqualTo("prize.png");
            assertThat(part.mediaType()).isEqualTo("image/png");
            assertThat(part.bytes()).isEqualTo(png);
        });
        assertThat(content.language()).contains("en");
    }

    @Test
    void typeIsDetectedFromContentNotFromTheName() throws IOException {
        ExtractedContent content = extracted(extractor.extract(pdf(ENGLISH, 1, null), "notes.txt"));
        assertThat(content.mediaType()).isEqualTo("application/pdf");
        assertThat(content.text()).contains("free cruise");
    }

    @Test
    void uploadedImageBecomesAMediaPart() {
        byte[] png = TestImages.png(TestImages.scene(7, 300, 200));
        ExtractedContent content = extracted(extractor.extract(png, "photo.bin"));
        assertThat(content.mediaType()).isEqualTo("image/png");
        assertThat(content.mediaParts()).singleElement().satisfies(part -> assertThat(part.isImage()).isTrue());
    }

    @Test
    void encryptedPdfIsATypedFailure() throws IOException {
        ExtractionResult result = extractor.extract(pdf(ENGLISH, 1, "secret"), "locked.pdf");
        assertThat(failure(result)).isEqualTo(ExtractionFailure.ENCRYPTED);
        assertThat(((ExtractionResult.Failed) result).mediaType()).contains("application/pdf");
    }

    @Test
    void corruptFileIsATypedFailure() throws IOException {
        byte[] pdf = pdf(ENGLISH, 1, null);
        byte[] damaged = new byte[pdf.length / 3];
        System.arraycopy(pdf, 0, damaged, 0, 9);
        assertThat(failure(extractor.extract(damaged, "broken.pdf"))).isEqualTo(ExtractionFailure.CORRUPT);
    }

    @Test
    void zipBombIsStopped() throws IOException {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb = zip("zeros.txt", zeros);
        assertThat(bomb.length).isLessThan(200_000);
        assertThat(failure(extractor.extract(bomb, "bomb.zip"))).isEqualTo(ExtractionFailure.ZIP_BOMB);
    }

    @Test
    void deepNestingIsStopped() throws IOException {
        byte[] inner = ENGLISH.getBytes(StandardCharsets.UTF_8);
        String name = "text.txt";
        for (int level = 0; level < 6; level++) {
            inner = zip(name, inner);
            name = "level" + level + ".zip";
        }
        assertThat(failure(extractor.extract(inner, "nested.zip"))).isEqualTo(ExtractionFailure.NESTED_TOO_DEEP);
        byte[] shallow = zip("outer.zip", zip("text.txt", ENGLISH.getBytes(StandardCharsets.UTF_8)));
        assertThat(extracted(extractor.extract(shallow, "ok.zip")).text()).contains("free cruise");
    }

    @Test
    void sizeTimeAndTextLimitsHold() throws IOException {
        try (TikaContentExtractor small = new TikaContentExtractor(ExtractionLimits.DEFAULTS.withMaxBytes(1_000)
                .withMaxTextChars(60), Optional.empty())) {
            assertThat(failure(small.extract(new ByteArrayInputStream(new byte[5_000]), "big.bin")))
                    .isEqualTo(ExtractionFailure.TOO_LARGE);
            ExtractedContent cut = extracted(small.extract(ENGLISH.repeat(3).getBytes(StandardCharsets.UTF_8), "t"));
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.text().length()).isLessThanOrEqualTo(60);
            assertThat(cut.language()).isEmpty();
        }
        try (TikaContentExtractor hasty = new TikaContentExtractor(
                ExtractionLimits.DEFAULTS.withTimeout(Duration.ofMillis(1)), Optional.empty())) {
            assertThat(failure(hasty.extract(pdf(ENGLISH, 200, null), "long.pdf")))
                    .isEqualTo(ExtractionFailure.TIMEOUT);
        }
        assertThat(failure(extractor.extract(new byte[0], "empty"))).isEqualTo(ExtractionFailure.EMPTY);
    }

    static byte[] pdf(String text, int pages, String password) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                    stream.beginText();
                    stream.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    stream.newLineAtOffset(40, 700);
                    for (String line : text.split("(?<=\\G.{80})")) {
                        stream.showText(line);
                        stream.newLineAtOffset(0, -14);
                    }
                    stream.endText();
                }
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
