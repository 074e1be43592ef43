namespace Edge.Gateway.Mqtt.Security;

/// <summary>One line of the ACL table.</summary>
internal sealed record AclRule(Role Role, AclAccess Access, string Pattern);
