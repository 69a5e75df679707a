package org.migrex.ingestion.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.migrex.ingestion.IngestionProperties;
import org.migrex.ingestion.Sources;
import org.migrex.ingestion.record.UploadReport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /api/v1/sources/{sourceId}/records}: upload a CSV or JSON body (or a multipart file) to a source and get
 * the per-row report once the accepted rows are committed to Kafka. {@code GET /api/v1/sources}: the sources.
 */
@RestController
@RequestMapping("/api/v1/sources")
class UploadController {
    private final UploadService uploads;
    private final Sources sources;
    private final UploadSlots slots;

    UploadController(UploadService uploads, Sources sources, IngestionProperties properties) {
        this.uploads = uploads;
        this.sources = sources;
        this.slots = new UploadSlots(properties.maxConcurrentUploadsPerUser());
    }

    /**
     * Role, owner and the user's upload slots are checked before any byte of the body is read: multipart bodies are
     * resolved lazily (application.yml), so a refused form upload is never spooled to disk.
     */
    @PostMapping("/{sourceId}/records")
    UploadReport upload(@PathVariable String sourceId, HttpServletRequest request, Authentication user)
            throws IOException {
        Sources.Source source = uploads.writableSource(sourceId, user);
        try (UploadSlots.Slot slot = slots.acquire(user.getName())) {
            return read(source, request, user);
        }
    }

    private UploadReport read(Sources.Source source, HttpServletRequest request, Authentication user)
            throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile file = multipart.getFile("file");
            if (file == null) {
                file = multipart.getFileMap().values().stream().findFirst().orElseThrow(() -> new UploadRefusedException(
                        HttpStatus.BAD_REQUEST, "the multipart request has no file; send it in the part 'file'"));
            }
            UploadService.Format format = multipartFormat(file);
            uploads.checkDeclaredSize(file.getSize());
            try (InputStream body = file.getInputStream()) {
                return uploads.upload(source, format, body, user.getName());
            }
        }
        UploadService.Format format = UploadService.format(
                request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType()));
        uploads.checkDeclaredSize(request.getContentLengthLong());
        return uploads.upload(source, format, request.getInputStream(), user.getName());
    }

    /** The sources of this node with their profiles and owners. */
    @GetMapping
    List<Map<String, String>> sources() {
        return sources.all().values().stream().map(s -> Map.of("id", s.id(), "profile", s.profile().id(),
                "profileVersion", s.profile().version(), "owner", s.owner()))
                .toList();
    }

    /** JSON when the part says so or the file name ends in .json; CSV otherwise (browsers send Excel's own types). */
    private static UploadService.Format multipartFormat(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase();
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase();
        return name.endsWith(".json") || type.startsWith("application/json")
                ? UploadService.Format.JSON : UploadService.Format.CSV;
    }
}
