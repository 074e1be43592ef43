namespace Edge.Gateway.Etcd; internal static class Placeholder {}
