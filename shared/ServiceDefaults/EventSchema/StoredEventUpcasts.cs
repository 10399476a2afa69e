using System.Text.Json;
using Marten;
using Marten.Services.Json.Transformations.SystemTextJson;

namespace MediaMonitor.ServiceDefaults.EventSchema;

/// <summary>
/// Reads events stored under <see cref="StoredName"/> (a shape no record has any more) as the current contract
/// <see cref="Into"/>: <see cref="Upcast"/> gets the stored JSON body and returns the current event. Upcasting happens on
/// read only; the stored event is never rewritten.
/// </summary>
public sealed record StoredEventUpcast(string StoredName, Type Into, Func<JsonElement, object> Upcast);

/// <summary>The upcasts every service reads the event store with, registered by <see cref="EventStoreExtensions.AddEventStore"/>.</summary>
public static class StoredEventUpcasts
{
    /// <summary>
    /// Empty today: every change to a contract so far added optional trailing fields, which the stored shapes read into
    /// (StoredShapeTests checks each contract's first stored shape). An incompatible change (a field renamed, split or
    /// retyped) stores the new shape under a new name in <see cref="StoredEventNames"/> and adds the old name here.
    /// </summary>
    public static IReadOnlyList<StoredEventUpcast> All { get; } = [];

    /// <summary>Registers an upcast with Marten: events stored under its name are converted when any session reads them.</summary>
    public static void AddUpcast(this StoreOptions options, StoredEventUpcast upcast)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(upcast);
        if (StoredEventNames.ByType.Values.Contains(upcast.StoredName, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{upcast.StoredName}' is the stored name of a current contract; an upcast reads an old name only.", nameof(upcast));
        }

        options.Events.Upcast(upcast.Into, upcast.StoredName, JsonTransformations.Upcast(document => upcast.Upcast(document.RootElement)));
    }

    /// <summary>
    /// Maps a service's private events (bookkeeping stored in its own streams, read by no other service and never relayed,
    /// so kept out of shared/Contracts) to their stored names; a name may not be a contract's.
    /// </summary>
    public static void AddServiceEvents(this StoreOptions options, IReadOnlyDictionary<Type, string> storedNames)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storedNames);
        foreach (var (type, name) in storedNames)
        {
            if (StoredEventNames.ByType.ContainsKey(type) || StoredEventNames.ByType.Values.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"{type.FullName} ('{name}') is or collides with a contract event; a service's private event has a name of its own.", nameof(storedNames));
            }

            options.Events.MapEventType(type, name);
        }
    }

    /// <summary>Maps every contract event to its stored name and registers every upcast in <paramref name="upcasts"/>.</summary>
    public static void AddContractEvents(this StoreOptions options, IEnumerable<StoredEventUpcast> upcasts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(upcasts);
        foreach (var (type, name) in StoredEventNames.ByType)
        {
            options.Events.MapEventType(type, name);
        }

        foreach (var upcast in upcasts)
        {
            options.AddUpcast(upcast);
        }
    }
}
