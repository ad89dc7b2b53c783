namespace SocialPrescribing.ReferralIntake.Features.CorrectPerson;

/// <summary>
/// What staff change about a person: a field left out stays as it is; a phone, email, NHS number or
/// preferred contact given as null is removed. Consent: false withdraws it, true gives it again.
/// </summary>
public sealed record PersonCorrection
{
    public Optional<string?> GivenName { get; init; }
    public Optional<string?> FamilyName { get; init; }
    public Optional<DateOnly?> DateOfBirth { get; init; }
    public Optional<string?> Postcode { get; init; }
    public Optional<string?> Phone { get; init; }
    public Optional<string?> Email { get; init; }
    public Optional<string?> NhsNumber { get; init; }
    public Optional<string?> PreferredContact { get; init; }
    public bool? ShareWithGp { get; init; }
    public bool? ShareWithProviders { get; init; }
    public string? Reason { get; init; }

    public bool ChangesDetails =>
        GivenName.Given || FamilyName.Given || DateOfBirth.Given || Postcode.Given || Phone.Given || Email.Given || NhsNumber.Given || PreferredContact.Given;
}

/// <summary>A value that may have been left out (<see cref="Given"/> false) rather than given as null.</summary>
public readonly record struct Optional<T>(bool Given, T Value)
{
    public T Or(T current) => Given ? Value : current;
}
