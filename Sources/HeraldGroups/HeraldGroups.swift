/// The group service: contact groups in table `groups`.
public enum HeraldGroups {}
