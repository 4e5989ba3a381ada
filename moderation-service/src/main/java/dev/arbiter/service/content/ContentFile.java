package dev.arbiter.service.content;

/** An uploaded file as received; its type is detected from its bytes later, never trusted from the name. */
public record ContentFile(String fileName, String declaredType, byte[] bytes) {

  public ContentFile {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }
}
