using System.Globalization;
using System.Text.Json;
using MassTransit;

namespace MediaMonitor.Api.Operations;

/// <summary>What a dead letter is, from one message of the management API's "get messages": MassTransit's envelope and fault headers.</summary>
public static class DeadLetters
{
    public static DeadLetterMessage Describe(JsonElement message)
    {
        var properties = message.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var headers = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object
            ? h
            : default;
        var envelope = Envelope(message);

        var messageId = Text(envelope, "messageId") ?? Text(properties, "message_id");
        var type = envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
            ? types.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null)
            : null;
        var time = Time(Text(headers, MessageHeaders.FaultTimestamp)) ?? Time(Text(envelope, "sentTime"));
        return new DeadLetterMessage(messageId, ShortType(type), time, Text(headers, MessageHeaders.FaultExceptionType),
            Text(headers, MessageHeaders.FaultMessage), Text(headers, MessageHeaders.Reason));
    }

    /// <summary>"urn:message:MediaMonitor.Contracts:ArticleFetched" as "MediaMonitor.Contracts.ArticleFetched".</summary>
    public static string? ShortType(string? urn) =>
        urn is null ? null
        : urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..].Replace(':', '.')
        : urn;

    private static JsonElement Envelope(JsonElement message)
    {
        if (Text(message, "payload_encoding") != "string" || Text(message, "payload") is not { } payload)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default; // not JSON (or truncated): the headers still say what failed
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.ToString(),
            }
            : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
}
