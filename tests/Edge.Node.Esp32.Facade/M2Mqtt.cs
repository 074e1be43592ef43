// Facade of the nanoFramework.M2Mqtt package (assemblies nanoFramework.M2Mqtt and nanoFramework.M2Mqtt.Core, 5.1.x):
// only what firmware/Edge.Node.Esp32 uses. Signatures only; every body throws. The real MqttClient also implements
// IMqttClient and IDisposable; the glue uses neither, so the facade declares neither.
using System;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/IMqttClient.cs (delegate types only; file listed in nanoFramework.M2Mqtt.Core.nfproj)
    public interface IMqttClient
    {
        // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);
    }

    // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
    public class MqttClient
    {
        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public MqttClient(string brokerHostName, int brokerPort, bool secure, System.Security.Cryptography.X509Certificates.X509Certificate caCert, System.Security.Cryptography.X509Certificates.X509Certificate clientCert, MqttSslProtocols sslProtocol)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived
        {
            add { throw new NotSupportedException("facade"); }
            remove { throw new NotSupportedException("facade"); }
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed
        {
            add { throw new NotSupportedException("facade"); }
            remove { throw new NotSupportedException("facade"); }
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public bool IsConnected
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public ushort Publish(string topic, byte[] message, string contentType, System.Collections.ArrayList userProperties, MqttQoSLevel qosLevel, bool retain)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public void Disconnect()
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs
        public void Close()
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/MqttSslProtocols.cs
    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttQoSLevel.cs
    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttReasonCode.cs (only Success is used)
    public enum MqttReasonCode
    {
        Success = 0x00,
    }

    // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
    public class MqttMsgPublishEventArgs : EventArgs
    {
        // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
        public string Topic
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
        public byte[] Message
        {
            get { throw new NotSupportedException("facade"); }
        }
        // nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
        public bool Retain
        {
            get { throw new NotSupportedException("facade"); }
        }
    }
}
