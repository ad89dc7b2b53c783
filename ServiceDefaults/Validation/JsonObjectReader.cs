using System.Globalization;
using System.Text.Json;

namespace SocialPrescribing.Validation;

/// <summary>
/// Reads a JSON object field by field, recording a clear error for every field of the wrong type
/// and every field it does not know, instead of stopping at the first problem.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly ValidationErrors _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private JsonObjectReader(JsonElement element, string path, ValidationErrors errors)
    {
        _element = element;
        _path = path;
        _errors = errors;
    }

    /// <summary>The reader for the document's root, or null (with an error) if it is not an object.</summary>
    public static JsonObjectReader? ForRoot(JsonElement root, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind == JsonValueKind.Object)
        {
            return new JsonObjectReader(root, "", errors);
        }

        errors.Add("$", "The request body must be a JSON object.");
        return null;
    }

    public string? String(string name)
    {
        var value = Get(name, JsonValueKind.String, "text");
        return value?.GetString();
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        _errors.Add(ValidationErrors.Join(_path, name), "Must be true or false.");
        return null;
    }

    /// <summary>An ISO 8601 calendar date, <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _errors.Add(ValidationErrors.Join(_path, name), "Must be a real date written as YYYY-MM-DD.");
        return null;
    }

    /// <summary>An ISO 8601 instant with its offset, <c>2026-12-01T10:30:00+00:00</c> (or <c>Z</c>).</summary>
    public DateTimeOffset? Instant(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        // An offset is required: a bare local time could be read an hour out either side of a clock change.
        if (text.Length >= 16 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        _errors.Add(ValidationErrors.Join(_path, name), "Must be a date and time with its offset, such as 2026-12-01T10:30:00Z or 2026-12-01T10:30:00+00:00.");
        return null;
    }

    public Guid? Guid(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (System.Guid.TryParseExact(text, "D", out var id))
        {
            return id;
        }

        _errors.Add(ValidationErrors.Join(_path, name), "Must be an id like 0190c6b0-5f2a-7c3e-8d4f-123456789abc.");
        return null;
    }

    public int? Integer(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        _errors.Add(ValidationErrors.Join(_path, name), "Must be a whole number.");
        return null;
    }

    /// <summary>A list of whole numbers; each item that is not one gets its own error (<c>responses[2]</c>).</summary>
    public IReadOnlyList<int>? IntegerArray(string name, int maxItems = 1000)
    {
        var value = Get(name, JsonValueKind.Array, "a list of whole numbers");
        if (value is null)
        {
            return null;
        }

        var path = ValidationErrors.Join(_path, name);
        if (value.Value.GetArrayLength() > maxItems)
        {
            _errors.Add(path, $"Give at most {maxItems} numbers.");
            return null;
        }

        var items = new List<int>();
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number))
            {
                items.Add(number);
            }
            else
            {
                _errors.Add($"{path}[{index}]", "Must be a whole number.");
            }

            index++;
        }

        return items;
    }

    public IReadOnlyList<string>? StringArray(string name)
    {
        var value = Get(name, JsonValueKind.Array, "a list");
        if (value is null)
        {
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                _errors.Add($"{ValidationErrors.Join(_path, name)}[{index}]", "Must be text.");
            }

            index++;
        }

        return items;
    }

    public JsonObjectReader? Object(string name)
    {
        var value = Get(name, JsonValueKind.Object, "an object");
        return value is null ? null : new JsonObjectReader(value.Value, ValidationErrors.Join(_path, name), _errors);
    }

    /// <summary>Whether the body has the field at all, null included (a PATCH tells "remove it" from "leave it").</summary>
    public bool Has(string name) => _element.TryGetProperty(name, out _);

    /// <summary>Records that a required field is missing, unless it already has an error (of the wrong type, say).</summary>
    public void Require(string name, string message)
    {
        var path = ValidationErrors.Join(_path, name);
        if (!_errors.Has(path))
        {
            _errors.Add(path, message);
        }
    }

    /// <summary>Records an error for a field whose value breaks a rule.</summary>
    public void Refuse(string name, string message) => _errors.Add(ValidationErrors.Join(_path, name), message);

    /// <summary>Records an error for every field that was not read: unknown fields are refused, not ignored.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                _errors.Add(ValidationErrors.Join(_path, property.Name), "This field is not recognised.");
            }
        }
    }

    private JsonElement? Get(string name, JsonValueKind kind, string description)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == kind)
        {
            return value;
        }

        _errors.Add(ValidationErrors.Join(_path, name), $"Must be {description}.");
        return null;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _known.Add(name);
        return _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
