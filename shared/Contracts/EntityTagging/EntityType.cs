namespace MediaMonitor.Contracts.EntityTagging;

/// <summary>CoNLL entity types.</summary>
public enum EntityType
{
    Person = 0,
    Organization = 1,
    Location = 2,
    Miscellaneous = 3,
}
