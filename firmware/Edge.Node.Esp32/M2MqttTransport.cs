using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Edge.Node.Core.Agent;
using Edge.Protocol;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// The agent's MQTT client over nanoFramework.M2Mqtt (MQTT 3.1.1, plain TCP or TLS 1.2 when given the lab CA: M2Mqtt's
    /// channel then has SslStream check the broker's certificate against that CA and the host name it dialled,
    /// nanoframework/nanoFramework.m2mqtt M2Mqtt/Net/MqttNetworkChannel.cs). A new MqttClient per connect, since
    /// the broker may change between attempts. Received messages go into the <see cref="InboxQueue"/>; the agent's
    /// thread takes them out, so M2Mqtt's dispatch thread never waits on the agent.
    /// </summary>
    public sealed class M2MqttTransport : IMqttTransport
    {
        private readonly InboxQueue _inbox;
        private readonly object _sync = new object();
        private MqttClient _client;
        private bool _connected;

        private readonly string _username;
        private readonly string _password;
        private readonly X509Certificate _ca;

        /// <summary>Without credentials: only a gateway whose broker listens on loopback alone lets this in.</summary>
        public M2MqttTransport(InboxQueue inbox)
            : this(inbox, null, null)
        {
        }

        /// <summary>Null <paramref name="password"/> connects without credentials; else as <paramref name="username"/> (the node id).</summary>
        public M2MqttTransport(InboxQueue inbox, string username, string password)
            : this(inbox, username, password, null)
        {
        }

        /// <summary>With <paramref name="ca"/> (the lab CA), every connect is TLS 1.2 and refuses a broker that CA did not sign.</summary>
        public M2MqttTransport(InboxQueue inbox, string username, string password, X509Certificate ca)
        {
            _ca = ca;
            _inbox = inbox;
            _username = password == null ? null : username;
            _password = password;
        }

        public bool IsConnected
        {
            get
            {
                lock (_sync)
                {
                    return _connected && _client != null && _client.IsConnected;
                }
            }
        }

        /// <summary>Clean session, keepalive as given, and the retained QoS 1 Will the protocol asks for.</summary>
        public bool Connect(string host, int port, string clientId, string willTopic, byte[] willPayload, int keepAliveSeconds)
        {
            Drop();
            MqttClient client;
            try
            {
                // M2Mqtt refuses TLS 1.3 on nanoFramework today (its MqttSslUtility throws): 1.2 is what the broker gets.
                client = _ca == null
                    ? new MqttClient(host, port, false, null, null, MqttSslProtocols.None)
                    : new MqttClient(host, port, true, _ca, null, MqttSslProtocols.TLSv1_2);
            }
            catch (Exception)
            {
                return false;
            }

            client.MqttMsgPublishReceived += OnPublishReceived;
            client.ConnectionClosed += OnConnectionClosed;
            lock (_sync)
            {
                _client = client;
                _connected = false;
            }

            // M2Mqtt takes the Will as a string and sends it UTF-8 encoded; the agent's Will is ASCII JSON.
            string will = Encoding.UTF8.GetString(willPayload, 0, willPayload.Length);
            MqttReasonCode code;
            try
            {
                code = client.Connect(clientId, _username, _password, true, MqttQoSLevel.AtLeastOnce, true, willTopic, will, true, (ushort)keepAliveSeconds);
            }
            catch (Exception)
            {
                Drop();
                return false;
            }

            if (code != MqttReasonCode.Success)
            {
                Drop();
                return false;
            }

            lock (_sync)
            {
                _connected = _client == client;
                return _connected;
            }
        }

        /// <summary>
        /// M2Mqtt queues the array itself and sends it later from its own thread, while the agent reuses its buffers:
        /// so the payload is copied into an array of exactly <paramref name="length"/> bytes.
        /// </summary>
        public bool Publish(string topic, byte[] payload, int length, bool atLeastOnce, bool retain)
        {
            MqttClient client = Current();
            if (client == null)
            {
                return false;
            }

            byte[] message = new byte[length];
            Array.Copy(payload, message, length);
            try
            {
                client.Publish(topic, message, null, null, atLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, retain);
                return true;
            }
            catch (Exception)
            {
                // In-flight queue full (MqttClientException) or the socket went away: the agent retries later.
                return false;
            }
        }

        public bool Subscribe(string topicFilter)
        {
            MqttClient client = Current();
            if (client == null)
            {
                return false;
            }

            try
            {
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public void Disconnect()
        {
            MqttClient client = Current();
            lock (_sync)
            {
                _connected = false;
            }

            if (client == null)
            {
                return;
            }

            try
            {
                client.Disconnect();
            }
            catch (Exception)
            {
                Drop();
            }
        }

        private MqttClient Current()
        {
            lock (_sync)
            {
                return _connected ? _client : null;
            }
        }

        private void Drop()
        {
            MqttClient client;
            lock (_sync)
            {
                client = _client;
                _client = null;
                _connected = false;
            }

            if (client == null)
            {
                return;
            }

            client.MqttMsgPublishReceived -= OnPublishReceived;
            client.ConnectionClosed -= OnConnectionClosed;
            try
            {
                client.Close();
            }
            catch (Exception)
            {
                // Closing a dead client can fail in many ways; it is being thrown away either way.
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            // Commands are never retained (docs/PROTOCOL.md 3.6): a retained one was planted to replay at every connect.
            if (e.Retain && IsCommand(e.Topic))
            {
                return;
            }

            _inbox.Enqueue(e.Topic, e.Message);
        }

        private static bool IsCommand(string topic)
        {
            string suffix = "/" + Topics.Command;
            return topic.Length >= suffix.Length && topic.Substring(topic.Length - suffix.Length) == suffix;
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            lock (_sync)
            {
                // A late event from a client already replaced must not mark the new one closed.
                if (sender == _client)
                {
                    _connected = false;
                }
            }
        }
    }
}
