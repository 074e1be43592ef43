namespace Edge.Node.Core.Agent
{
    /// <summary>Where the node agent is: connect, then birth, then running (sending) once a gateway is online.</summary>
    public enum AgentState
    {
        /// <summary>No broker connection; the next attempt waits for the back-off.</summary>
        Disconnected = 0,

        /// <summary>Connected and born; buffering until a primary gateway says it is online.</summary>
        WaitingForGateway = 1,

        /// <summary>Connected, gateway online: batches flow and acknowledgements free the buffer.</summary>
        Running = 2,
    }
}
