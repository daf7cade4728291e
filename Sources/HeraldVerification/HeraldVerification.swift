/// The verification service: codes and activation links for phones and emails, in table
/// `verifications`.
public enum HeraldVerification {}
