using System.Text.Json;
using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.ServiceDefaults.Articles;

public static partial class ArticleCoverageRow
{
    /// <summary>
    /// Reads coverage rows from their UTF-8 bytes (as the database sends them) into what <see cref="Read"/> gives, without
    /// the general serializer and sharing each distinct entity between the rows of one scan: an entity's JSON object (id,
    /// name, type, surface forms, aliases) is looked up by its bytes and built once. One reader per scan; not thread-safe.
    /// A row in any shape the writers do not produce (a number for an enum, an entity of null) is left to <see cref="Read"/>.
    /// </summary>
    public sealed class Utf8Reader
    {
        /// <summary>How many distinct entities a reader keeps (past that, further ones are built per row): memory stays bounded.</summary>
        public const int MaxEntities = 100_000;

        private readonly Dictionary<byte[], TaggedEntity> _entities = new(ByteKey.Instance);
        private readonly Dictionary<byte[], TaggedEntity>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

        public Utf8Reader() => _lookup = _entities.GetAlternateLookup<ReadOnlySpan<byte>>();

        /// <summary>The record of a row: the same as <see cref="Read"/> over the same JSON.</summary>
        public ArticleRecord Read(ReadOnlySpan<byte> json, Guid id, DateTimeOffset? at, Guid? storyId, DateTimeOffset lastEventAt)
        {
            if (TryRead(json, out var row, out var entities))
            {
                return ToRecord(row, entities, id, at, storyId, lastEventAt);
            }

            var slow = JsonSerializer.Deserialize<Row>(json, Json) ?? throw new InvalidOperationException("a coverage row of JSON null");
            return ToRecord(slow, [.. (slow.Entities ?? []).Select(e => new TaggedEntity(e.EntityId, e.Name, e.Type, 0, 0, e.SurfaceForms ?? [], null, e.Aliases))],
                id, at, storyId, lastEventAt);
        }

        private bool TryRead(ReadOnlySpan<byte> json, out Row row, out List<TaggedEntity> entities)
        {
            row = new Row(null, null, null, null, null, null, null, null);
            entities = [];
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                reader.Read();
                if (escaped)
                {
                    return false;
                }

                if (name.SequenceEqual("Entities"u8))
                {
                    if (!ReadEntities(ref reader, json, entities))
                    {
                        return false;
                    }

                    continue;
                }

                if (name.SequenceEqual("TextSequence"u8))
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        row = row with { TextSequence = null };
                    }
                    else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var sequence))
                    {
                        row = row with { TextSequence = sequence };
                    }
                    else
                    {
                        return false;
                    }

                    continue;
                }

                if (!TryString(ref reader, out var value))
                {
                    if (IsKnown(name))
                    {
                        return false;
                    }

                    reader.Skip();
                    continue;
                }

                row = name switch
                {
                    _ when name.SequenceEqual("Title"u8) => row with { Title = value },
                    _ when name.SequenceEqual("Outlet"u8) => row with { Outlet = value },
                    _ when name.SequenceEqual("SiteName"u8) => row with { SiteName = value },
                    _ when name.SequenceEqual("Url"u8) => row with { Url = value },
                    _ when name.SequenceEqual("Language"u8) => row with { Language = value },
                    _ when name.SequenceEqual("EntityTerms"u8) => row with { EntityTerms = value },
                    _ => row,
                };
            }

            return reader.TokenType == JsonTokenType.EndObject;
        }

        private static bool IsKnown(ReadOnlySpan<byte> name) =>
            name.SequenceEqual("Title"u8) || name.SequenceEqual("Outlet"u8) || name.SequenceEqual("SiteName"u8) || name.SequenceEqual("Url"u8)
            || name.SequenceEqual("Language"u8) || name.SequenceEqual("EntityTerms"u8);

        /// <summary>The entities array (or null): each object looked up by its bytes, else read and kept.</summary>
        private bool ReadEntities(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<TaggedEntity> entities)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var bytes = json[start..(int)reader.BytesConsumed];
                if (!_lookup.TryGetValue(bytes, out var entity))
                {
                    if (ReadEntity(bytes) is not { } read)
                    {
                        return false;
                    }

                    entity = read;
                    if (_entities.Count < MaxEntities)
                    {
                        _entities[bytes.ToArray()] = entity;
                    }
                }

                entities.Add(entity);
            }

            return reader.TokenType == JsonTokenType.EndArray;
        }

        /// <summary>One entity object as <see cref="Read"/> builds it, or null when it holds anything but strings, string lists and a type name.</summary>
        private static TaggedEntity? ReadEntity(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            string? id = null, name = null;
            var type = default(EntityType);
            IReadOnlyList<string>? surfaceForms = null, aliases = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.ValueSpan;
                if (reader.ValueIsEscaped)
                {
                    return null;
                }

                reader.Read();
                if (property.SequenceEqual("EntityId"u8) || property.SequenceEqual("Name"u8))
                {
                    if (!TryString(ref reader, out var value))
                    {
                        return null;
                    }

                    (id, name) = property.SequenceEqual("Name"u8) ? (id, value) : (value, name);
                }
                else if (property.SequenceEqual("Type"u8))
                {
                    if (reader.TokenType != JsonTokenType.String || TypeOf(reader.ValueSpan) is not { } known || reader.ValueIsEscaped)
                    {
                        return null;
                    }

                    type = known;
                }
                else if (property.SequenceEqual("SurfaceForms"u8) || property.SequenceEqual("Aliases"u8))
                {
                    if (!TryStrings(ref reader, out var values))
                    {
                        return null;
                    }

                    (surfaceForms, aliases) = property.SequenceEqual("Aliases"u8) ? (surfaceForms, values) : (values, aliases);
                }
                else
                {
                    reader.Skip();
                }
            }

            return new TaggedEntity(id!, name!, type, 0, 0, surfaceForms ?? [], null, aliases);
        }

        /// <summary>The enum's names exactly as the writers write them (a number or another spelling goes to the serializer).</summary>
        private static EntityType? TypeOf(ReadOnlySpan<byte> name) =>
            name.SequenceEqual("Person"u8) ? EntityType.Person
            : name.SequenceEqual("Organization"u8) ? EntityType.Organization
            : name.SequenceEqual("Location"u8) ? EntityType.Location
            : name.SequenceEqual("Miscellaneous"u8) ? EntityType.Miscellaneous
            : null;

        private static bool TryString(ref Utf8JsonReader reader, out string? value)
        {
            value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
        }

        private static bool TryStrings(ref Utf8JsonReader reader, out IReadOnlyList<string>? values)
        {
            values = null;
            if (reader.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!TryString(ref reader, out var value))
                {
                    return false;
                }

                list.Add(value!);
            }

            values = list;
            return true;
        }
    }

    /// <summary>Byte arrays compared by content, and looked up by a span of bytes.</summary>
    private sealed class ByteKey : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKey Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
