namespace Edge.Gateway.Postgres; internal static class Placeholder {}
