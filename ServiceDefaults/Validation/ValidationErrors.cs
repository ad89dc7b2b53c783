namespace SocialPrescribing.Validation;

/// <summary>Field errors keyed by the field's JSON path (<c>person.dateOfBirth</c>), as RFC 7807 <c>errors</c>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string path) => _errors.ContainsKey(path);

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors[path] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Adds <paramref name="other"/>'s errors for fields that have none here yet.</summary>
    public void AddMissing(ValidationErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (path, messages) in other._errors)
        {
            if (!_errors.ContainsKey(path))
            {
                _errors[path] = [.. messages];
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public string? FirstFor(string path) => _errors.TryGetValue(path, out var messages) ? messages[0] : null;

    public static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";
}
