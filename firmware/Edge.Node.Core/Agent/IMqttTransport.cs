namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// The MQTT client as the node agent sees it: MQTTnet on the Raspberry Pi and in the simulator,
    /// nanoFramework.M2Mqtt on the ESP32. Calls come from the agent's one thread. Received messages are not
    /// pushed into the agent from the client's thread: the host queues them and hands them to
    /// <see cref="NodeAgent.Receive"/> on the agent's thread, so no client callback ever waits on the agent.
    /// </summary>
    public interface IMqttTransport
    {
        bool IsConnected { get; }

        /// <summary>Opens a clean session with a retained QoS 1 Last Will; blocks until CONNACK or failure.</summary>
        bool Connect(string host, int port, string clientId, string willTopic, byte[] willPayload, int keepAliveSeconds);

        /// <summary>Queues a publish; false when not connected or the client's in-flight window is full.</summary>
        bool Publish(string topic, byte[] payload, int length, bool atLeastOnce, bool retain);

        bool Subscribe(string topicFilter);

        /// <summary>Clean DISCONNECT: the broker discards the Will.</summary>
        void Disconnect();
    }
}
