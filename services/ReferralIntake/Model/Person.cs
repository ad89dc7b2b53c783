using SocialPrescribing.Privacy;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// The person at the centre of the record: one row however many times they are referred. Intake owns
/// it; each referral keeps what was sent with it, and points here (<see cref="Referral.PersonId"/>).
/// Their details are the latest known (a new referral's contact details, or a correction by staff).
/// </summary>
public sealed partial class Person
{
    public Guid Id { get; private set; }

    [Identifying]
    public string GivenName { get; private set; } = "";

    [Identifying]
    public string FamilyName { get; private set; } = "";

    [Identifying]
    public DateOnly DateOfBirth { get; private set; }

    [Identifying]
    public string Postcode { get; private set; } = "";

    [Identifying]
    public string? Phone { get; private set; }

    [Identifying]
    public string? Email { get; private set; }

    [Identifying]
    public string? NhsNumber { get; private set; }

    public string? PreferredContact { get; private set; }

    /// <summary>As <see cref="Referral.PersonKeyOf"/>: finds the same person by name, date of birth and postcode.</summary>
    public string PersonKey { get; private set; } = "";

    /// <summary>Given and family name, lower case, without accents or punctuation: what the name search compares (trigrams).</summary>
    [Identifying]
    public string SearchName { get; private set; } = "";

    /// <summary>The person withdrew their consent to share with their GP: no summary is sent, whatever a referral said.</summary>
    public bool GpConsentWithdrawn { get; private set; }

    /// <summary>The person withdrew their consent to share with community providers: no contact details go to a provider.</summary>
    public bool ProviderConsentWithdrawn { get; private set; }

    /// <summary>A manager restricted the use of the record (UK GDPR Article 18): kept, but only managers see it.</summary>
    public bool Restricted { get; private set; }

    /// <summary>A manager restricted the record, or lifted the restriction; returns what changed (nothing if it already was so).</summary>
    public IReadOnlyDictionary<string, FieldChange> Restrict(bool restricted, DateTimeOffset now)
    {
        if (Restricted == restricted)
        {
            return new Dictionary<string, FieldChange>();
        }

        Restricted = restricted;
        UpdatedAt = now;
        return new Dictionary<string, FieldChange> { ["restricted"] = new(restricted ? "no" : "yes", restricted ? "yes" : "no") };
    }

    /// <summary>Set when a manager merged this record into another (the survivor); kept so the merge can be undone.</summary>
    public Guid? MergedIntoId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    private Person()
    {
    }

    /// <summary>A person first referred now.</summary>
    public static Person From(ValidPerson person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        var created = new Person
        {
            Id = Guid.CreateVersion7(now),
            GivenName = person.GivenName,
            FamilyName = person.FamilyName,
            DateOfBirth = person.DateOfBirth,
            Postcode = person.Postcode,
            Phone = person.Phone,
            Email = person.Email,
            NhsNumber = person.NhsNumber,
            PreferredContact = person.PreferredContact,
            CreatedAt = now,
            UpdatedAt = now,
        };
        created.Rekey();
        return created;
    }

    /// <summary>
    /// A new referral of this person: it may bring an NHS number they had no record of, and newer ways to
    /// reach them. Returns what changed (field → before, after), for the history.
    /// </summary>
    public IReadOnlyDictionary<string, FieldChange> TakeNewerDetails(ValidPerson person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        var changes = new Dictionary<string, FieldChange>();
        if (NhsNumber is null && person.NhsNumber is not null)
        {
            Change(changes, "nhsNumber", NhsNumber, person.NhsNumber, v => NhsNumber = v);
        }

        if (person.Phone is not null)
        {
            Change(changes, "phone", Phone, person.Phone, v => Phone = v);
        }

        if (person.Email is not null)
        {
            Change(changes, "email", Email, person.Email, v => Email = v);
        }

        if (person.PreferredContact is not null)
        {
            Change(changes, "preferredContact", PreferredContact, person.PreferredContact, v => PreferredContact = v);
        }

        if (changes.Count > 0)
        {
            UpdatedAt = now;
        }

        return changes;
    }

    /// <summary>Staff corrected the person's details (already checked): returns what changed, for the history.</summary>
    public IReadOnlyDictionary<string, FieldChange> Correct(ValidPerson corrected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        var changes = new Dictionary<string, FieldChange>();
        Change(changes, "givenName", GivenName, corrected.GivenName, v => GivenName = v!);
        Change(changes, "familyName", FamilyName, corrected.FamilyName, v => FamilyName = v!);
        Change(changes, "dateOfBirth", DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            corrected.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _ => DateOfBirth = corrected.DateOfBirth);
        Change(changes, "postcode", Postcode, corrected.Postcode, v => Postcode = v!);
        Change(changes, "phone", Phone, corrected.Phone, v => Phone = v);
        Change(changes, "email", Email, corrected.Email, v => Email = v);
        Change(changes, "nhsNumber", NhsNumber, corrected.NhsNumber, v => NhsNumber = v);
        Change(changes, "preferredContact", PreferredContact, corrected.PreferredContact, v => PreferredContact = v);
        if (changes.Count > 0)
        {
            Rekey();
            UpdatedAt = now;
        }

        return changes;
    }

    /// <summary>The person gave or withdrew consent to share with their GP or with providers (null: unchanged).</summary>
    public IReadOnlyDictionary<string, FieldChange> ChangeConsent(bool? shareWithGp, bool? shareWithProviders, DateTimeOffset now)
    {
        var changes = new Dictionary<string, FieldChange>();
        if (shareWithGp is { } gp && gp == GpConsentWithdrawn)
        {
            changes["shareWithGp"] = new FieldChange(Yes(!GpConsentWithdrawn), Yes(gp));
            GpConsentWithdrawn = !gp;
        }

        if (shareWithProviders is { } providers && providers == ProviderConsentWithdrawn)
        {
            changes["shareWithProviders"] = new FieldChange(Yes(!ProviderConsentWithdrawn), Yes(providers));
            ProviderConsentWithdrawn = !providers;
        }

        if (changes.Count > 0)
        {
            UpdatedAt = now;
        }

        return changes;

        static string Yes(bool value) => value ? "yes" : "no";
    }

    /// <summary>A manager merged this record into <paramref name="survivorId"/> (or, undoing a merge, back to <paramref name="survivorId"/> null or an earlier survivor).</summary>
    public void PointTo(Guid? survivorId, DateTimeOffset now)
    {
        MergedIntoId = survivorId;
        UpdatedAt = now;
    }

    private static void Change(Dictionary<string, FieldChange> changes, string field, string? before, string? after, Action<string?> set)
    {
        if (before != after)
        {
            set(after);
            changes[field] = new FieldChange(before, after);
        }
    }

    private void Rekey()
    {
        PersonKey = Referral.PersonKeyOf(GivenName, FamilyName, DateOfBirth, Postcode);
        SearchName = SearchFold($"{GivenName} {FamilyName}");
    }

    /// <summary>Lower case, accents and punctuation gone, single spaces: "Zoë  O'Brien-Smith" → "zoe obriensmith".</summary>
    public static string SearchFold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var kept = decomposed.Where(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c))
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark);
        return string.Join(' ', string.Concat(kept).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>One field's value before and after a change (null: none).</summary>
public sealed record FieldChange([property: Identifying] string? From, [property: Identifying] string? To);
