using System.Text.Json.Serialization;

namespace Edge.Node.Pi.Config;

/// <summary>Source-generated JSON for the config file: camelCase, comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PiConfig))]
internal sealed partial class PiConfigJson : JsonSerializerContext;
