namespace Edge.Gateway.Mqtt.Security;

[Flags]
internal enum AclAccess
{
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
}
