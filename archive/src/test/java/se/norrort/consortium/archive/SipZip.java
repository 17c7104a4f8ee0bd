package se.norrort.consortium.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A package's zip entries, read for assertions, and copies of it with entries changed (to break it on purpose). */
public final class SipZip {

    private final Map<String, byte[]> entries;

    private SipZip(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    /** Reads every entry of the zip. */
    public static SipZip read(Path zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream zin = new ZipInputStream(in)) {
            for (ZipEntry entry = zin.getNextEntry(); entry != null; entry = zin.getNextEntry()) {
                entries.put(entry.getName(), zin.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SipZip(entries);
    }

    /** Reads the zip in memory. */
    public static SipZip read(byte[] zip) {
        try {
            Path file = Files.createTempFile("sip-", ".zip");
            try {
                Files.write(file, zip);
                return read(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, byte[]> entries() {
        return entries;
    }

    /** The package id: the zip's top folder. */
    public String packageId() {
        String first = entries.keySet().iterator().next();
        return first.substring(0, first.indexOf('/'));
    }

    /** The bytes of the entry at {@code path} inside the package folder. */
    public byte[] bytes(String path) {
        byte[] bytes = entries.get(packageId() + "/" + path);
        if (bytes == null) {
            throw new AssertionError("No entry " + path + " in the package; entries: " + entries.keySet());
        }
        return bytes;
    }

    public String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Writes a copy of the package with every entry passed through {@code change} (entry path inside the package,
     * bytes): the bytes to write, or null to leave the entry out.
     */
    public Path copyChanged(Path target, BiFunction<String, byte[], byte[]> change) {
        String prefix = packageId() + "/";
        try (OutputStream out = Files.newOutputStream(target);
                ZipOutputStream zout = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] bytes = change.apply(entry.getKey().substring(prefix.length()), entry.getValue());
                if (bytes != null) {
                    zout.putNextEntry(new ZipEntry(entry.getKey()));
                    zout.write(bytes);
                    zout.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
