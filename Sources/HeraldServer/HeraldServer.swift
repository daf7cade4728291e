/// The RPC server: a listener and connections on Dispatch sources, call routing, access control
/// and limits. Implemented by the transport issue.
public enum HeraldServer {}
