package dev.adsbridge.sandbox.http;

/** A file part of a multipart request (ad image uploads). */
public record UploadedFile(String fieldName, String filename, String contentType, byte[] bytes) {
}
