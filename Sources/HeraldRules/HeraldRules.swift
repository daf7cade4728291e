/// The rule service and routing: notification rules in table `rules`, the event catalog, and
/// resolving an event into a delivery plan.
public enum HeraldRules {}
