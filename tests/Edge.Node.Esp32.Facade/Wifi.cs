// Facade of the nanoFramework.System.Device.Wifi package (assembly System.Device.Wifi) and of the one
// nanoFramework.System.Net type the glue reads: only what firmware/Edge.Node.Esp32 uses. Signatures only; every
// body throws. CancellationToken is .NET's own: nanoFramework.System.Threading declares it in the same namespace.
using System;
using System.Device.Wifi;
using System.Threading;

namespace nanoFramework.Networking
{
    // nanoframework/System.Device.Wifi: System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
    public static class WifiNetworkHelper
    {
        // nanoframework/System.Device.Wifi: System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default)
        {
            throw new NotSupportedException("facade");
        }
    }
}

namespace System.Device.Wifi
{
    // nanoframework/System.Device.Wifi: System.Device.Wifi/WifiReconnectionKind.cs
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}

namespace System.Net.NetworkInformation
{
    // nanoframework/System.Net: nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs
    public class Wireless80211Configuration
    {
        // nanoframework/System.Net: nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs
        public Wireless80211Configuration(uint id)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Net: nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs
        public string Ssid
        {
            get { throw new NotSupportedException("facade"); }
            set { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Net: nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs
        public string Password
        {
            get { throw new NotSupportedException("facade"); }
            set { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Net: nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs
        public static Wireless80211Configuration[] GetAllWireless80211Configurations()
        {
            throw new NotSupportedException("facade");
        }
    }
}
