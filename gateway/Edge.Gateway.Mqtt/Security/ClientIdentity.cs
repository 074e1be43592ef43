namespace Edge.Gateway.Mqtt.Security;

/// <summary>Who a connected client proved to be; kept in its MQTTnet session items by <see cref="BrokerAuthorizer"/>.</summary>
internal sealed record ClientIdentity(string User, Role Role, PublishBucket? Bucket)
{
    public const string SessionKey = "edge.identity";
}
