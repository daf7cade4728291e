/// The contact service: contacts and tenant settings in table `contacts`.
public enum HeraldContacts {}
