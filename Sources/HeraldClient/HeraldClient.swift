/// The Herald client library: pooled mutual-TLS connections under the generated typed clients.
public enum HeraldClient {}
