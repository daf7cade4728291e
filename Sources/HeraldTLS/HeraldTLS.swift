/// TLS for Herald over OpenSSL's libssl: contexts from PEM files and non-blocking sessions
/// driven through memory BIOs. Implemented by the transport issue.
public enum HeraldTLS {}
