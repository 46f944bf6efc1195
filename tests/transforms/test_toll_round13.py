"""The article toll's precision and counting (issue 11, thirteenth round): one test per general
rule, named after the kind of statement it reads (the lead's list), with probe sentences of my
own."""

from toll_reading import evidence, toll


def test_kind1_split_outcome_with_words_between_the_group_and_its_verb() -> None:
    # "one of the N <noun> <harmed> …, has died": the rest of the group are the hurt
    text = "One of the nine passengers hurt when the minibus overturned died overnight."
    assert toll(text) == {"killed": 1, "injured": 8}
    assert evidence(text, "killed") == ["One"]
    # a place in the clause between ("the A66") counts nobody: the death is still the share's
    text = (
        "One of the nine passengers hurt when the minibus overturned on the A66 near Penrith "
        "died overnight."
    )
    assert toll(text) == {"killed": 1, "injured": 8}
    assert toll("One of the 20 people hurt in the crash on the M6 near Stafford has died.") == {
        "killed": 1,
        "injured": 19,
    }
    # the group given in digits or as a spelled word past twelve
    text = "One of the 14 people injured in Tuesday's explosion at a fireworks factory died."
    assert toll(text) == {"killed": 1, "injured": 13}
    text = "One of the fourteen people injured in the explosion died on Thursday."
    assert toll(text) == {"killed": 1, "injured": 13}
    # with no "the" before the group
    assert toll("One of four men shot outside a nightclub early Saturday has died.") == {
        "killed": 1,
        "injured": 3,
    }
    text = "Two of the six people shot at a house party on Elm Street on Saturday have since died."
    assert toll(text) == {"killed": 2, "injured": 4}
    # a clause between with a subject of its own ("when a gunman opened fire")
    text = (
        "One of the five people wounded when a gunman opened fire at a bus stop on Main Street "
        "has since died."
    )
    assert toll(text) == {"killed": 1, "injured": 4}
    # the harm told in a relative clause after the group
    text = (
        "One of the nine passengers who were hurt when the minibus overturned on the A66 near "
        "Penrith on Friday has died."
    )
    assert toll(text) == {"killed": 1, "injured": 8}
    # the group fronted ("Of the nine …, one died")
    text = "Of the nine passengers hurt when the minibus overturned, one died overnight."
    assert toll(text) == {"killed": 1, "injured": 8}
    assert evidence(text, "killed") == ["one"]
    text = "Of the 14 people injured in the explosion at the factory, three have died."
    assert toll(text) == {"killed": 3, "injured": 11}
    assert toll("Of the seven people shot, two died.") == {"killed": 2, "injured": 5}
    assert toll("Of the dozens of people at the party, two were killed.") == {"killed": 2}
    # an ordinal share: the deaths so far ("read killed 4 before")
    assert toll("A second of the four men stabbed in the brawl has died.") == {
        "killed": 2,
        "injured": 2,
    }
    # the opening share is the death's subject where the words between name nobody
    text = "One of the pedestrians struck by the car in Oxford Street on Saturday has died."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["One"]
    # the passengers of a crash told as aboard are still no victims
    assert toll("Nine of the 154 passengers on board were killed.") == {"killed": 9}
    # a family of four is no share
    assert toll("A family of four was hurt in the crash.") == {"injured": 4}


def test_kind3_animals_are_never_victims() -> None:
    # a share of animals after a person ("and 14 of his goats") counts nobody; the person does
    text = "Lightning struck a hillside pasture, killing a herder and 14 of his goats."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["a herder"]
    assert toll("The blast killed a farmer, his wife and 20 of their cows.") == {"killed": 2}
    assert toll("The herdsman, 34, and 60 of his cattle died in the flood.") == {"killed": 1}
    # an animal with a possessive is no person ("her horse" read one more before)
    assert toll("A woman and her horse were injured when a lorry clipped them.") == {"injured": 1}
    assert toll("A man and his two dogs died in the house fire.") == {"killed": 1}
    assert toll("Floods killed 200 cattle and two herders in the valley.") == {"killed": 2}
    assert toll("Six horses and a jockey were injured in the fall at the third fence.") == {
        "injured": 1
    }
    # animals alone: no entry
    assert toll("A bear killed two of the farm's dogs overnight.") == {}
    assert toll("Two of the goats died after the storm.") == {}
    assert toll("The barn fire killed 30 horses and a dozen pigs.") == {}
    # an animal as the subject of a death takes it from nobody told before
    text = "A woman was hurt when her horse bolted; the horse was killed."
    assert toll(text) == {"injured": 1}
    assert toll("Two men were shot and the dogs were killed.") == {"injured": 2}
    assert toll("The fire killed 1,200 pigs and a farmhand.") == {"killed": 1}
    # a capitalised surname is no animal
    assert toll("Two people, including Mark Lamb, were killed.") == {"killed": 2}
    assert toll("Derrick Bird shot dead 12 people.") == {"killed": 12}


def test_kind2_a_person_and_his_kin_counts_the_head_noun_beside_the_number() -> None:
    # the one whose kin follow through a possessive counts one, whatever his noun
    text = "Gunmen killed a tribal chief and his three wives in a raid on the village."
    assert toll(text) == {"killed": 4}
    assert evidence(text, "killed") == ["a tribal chief and his three wives"]
    assert toll("An imam and his two grandsons died when the mosque roof fell in.") == {"killed": 3}
    assert toll("A priest and his two nephews were shot dead at a checkpoint.") == {"killed": 3}
    assert toll("The mayor and his three bodyguards were killed in the ambush.") == {"killed": 4}
    assert toll("Militants shot dead a village elder and his two brothers.") == {"killed": 3}
    assert toll("A pastor and two members of his congregation were shot dead.") == {"killed": 3}
    assert toll("Bandits killed a village head and her four children.") == {"killed": 5}
    # told before the verb, with a noun no table holds ("bishop", "councillor", "cleric")
    assert toll("A bishop and his driver were shot dead.") == {"killed": 2}
    text = "A local councillor and his two bodyguards were killed in the ambush."
    assert toll(text) == {"killed": 3}
    assert evidence(text, "killed") == ["A local councillor and his two bodyguards"]
    assert toll("The commander and three of his bodyguards were killed.") == {"killed": 4}
    assert toll("A cleric and his two grandsons died.") == {"killed": 3}
    # a place or a wound before "and his …" is no person
    assert toll("He died at the scene and his wife was taken to hospital.") == {
        "killed": 1,
        "injured": 1,
    }
    text = "The man suffered a broken arm in the attack and his wife was treated for cuts."
    assert evidence(text, "injured") != ["a broken arm in the attack and his wife"]
    # companions by name, not any plural after a possessive
    assert toll("The explosion killed a soldier and his two comrades.") == {"killed": 3}
    assert toll("A man and his two cars were hit by the falling tree.") == {"injured": 1}
    # "its" belongs to a thing or an animal: that conjunct counts nobody
    assert toll("A car and its driver were hit by falling rocks.") == {"injured": 1}
    assert toll("A horse and its rider were injured.") == {"injured": 1}
    # a source's title is no victim
    assert toll("The police chief said two people were shot.") == {"injured": 2}


def test_kind8_harm_verbs_in_sport_and_idiom_give_no_count() -> None:
    # shots made of shots taken: no "the" before the second number
    assert toll("The point guard shot 7 of 12 from the field in the win.") == {}
    assert toll("Jones shot 3 of 5 from beyond the arc.") == {}
    # a bare number in a sentence of sport is a score
    assert toll("He shot 66 on Sunday to win the title by two.") == {}
    assert toll("McIlroy shoots 65 to take two-shot lead") == {}
    assert toll("Four golfers shot 65 or better on Thursday.") == {}
    assert toll("Police said the gunman shot 58 before he was stopped.") == {"injured": 58}
    assert toll("The forward shot 9 from deep and grabbed 11 rebounds.") == {}
    assert toll("The Celtics shot the lights out, hitting 20 threes.") == {}
    assert toll("Smith shot a 68 in the final round.") == {}
    assert toll("The team shot 45 per cent from deep.") == {}
    assert toll("The striker shot wide in the 89th minute.") == {}
    assert toll("She hit 30 points as the Lynx struck a deal for a new arena.") == {}
    # an idiom's object "it" is no one, nor is its subject a victim
    assert toll("The comedian killed it on stage for 40 minutes.") == {}
    assert toll("United killed off the game with two late goals.") == {}
    assert toll("Comedian kills at the Apollo") == {}
    assert toll("Two retailers were hit hard by the recession.") == {}
    assert toll("Three chains were hit by tariffs and rising prices.") == {}
    # victims stay victims
    assert toll("10-year-old boy accidentally shoots self in arm") == {"injured": 1}
    assert toll("Gunman kills 3 at a mall") == {"killed": 3}
    assert toll("Two men were hit by stray bullets during the game.") == {"injured": 2}
    assert toll("The gunman shot 7 of the 12 passengers on the bus.") == {"injured": 7}
    assert toll("Gunmen killed 12 in the village.") == {"killed": 12}
    assert toll("A gunman shot 5 at a high school football game.") == {"injured": 5}
    assert toll("A man shot 3 in a field behind the school, police said.") == {"injured": 3}


def test_kind4_an_attacker_shot_dead_after_wounding_others_is_one_killed() -> None:
    # the relative clause's object is his victims; the one shot dead is its subject
    text = "A knifeman who stabbed four shoppers was shot dead by armed police."
    assert toll(text) == {"killed": 1, "injured": 4}
    assert evidence(text, "killed") == ["A knifeman"]
    assert evidence(text, "injured") == ["four shoppers"]
    assert toll("A man who stabbed three people at a bus stop was shot dead by police.") == {
        "killed": 1,
        "injured": 3,
    }
    # his death told after a comma-closed clause of what he did
    text = "The gunman, who had wounded two officers, was killed in an exchange of fire."
    assert toll(text) == {"killed": 1, "injured": 2}
    assert toll("The suspect, who shot two deputies, was killed by return fire.") == {
        "killed": 1,
        "injured": 2,
    }
    assert toll("A gunman who shot a woman in the leg was later found dead.") == {
        "killed": 1,
        "injured": 1,
    }
    # "he" after an active verb's group is the doer, not the group
    assert toll("The gunman shot two people before he was shot dead by police.") == {
        "killed": 1,
        "injured": 2,
    }
    # the clause told after a description of him ("armed with a knife")
    text = "A man armed with a knife, who stabbed three people, was shot dead by police."
    assert toll(text) == {"killed": 1, "injured": 3}
    text = "A gunman armed with a rifle, who shot two guards, was killed by soldiers."
    assert toll(text) == {"killed": 1, "injured": 2}
    # the clause's harm told by a participle after a comma
    text = "A gunman who opened fire on worshippers, killing three, was shot dead by police."
    assert toll(text) == {"killed": 4}
    text = "A man who opened fire at a bar, wounding four, was shot dead by officers."
    assert toll(text) == {"killed": 1, "injured": 4}
    # "him" as the object of another's act after the group he wounded
    text = "A gunman opened fire at a mall, wounding six people, before police shot him dead."
    assert toll(text) == {"killed": 1, "injured": 6}
    # the attacker as the object of "shot dead", his clause after him
    text = "Armed police shot dead the knifeman, who had injured four people."
    assert toll(text) == {"killed": 1, "injured": 4}
    assert evidence(text, "killed") == ["the knifeman"]
    # "after stabbing two people": a gerund with its victims
    assert toll("The attacker was shot dead after stabbing two people.") == {
        "killed": 1,
        "injured": 2,
    }
    assert toll("Police are investigating a stabbing in Leeds.") == {}
    # victims he killed are counted beside him
    assert toll("The man who killed two people was shot dead.") == {"killed": 3}
    # one told beyond a group ("another man") is none of it
    assert toll("Three people were shot and another man was killed.") == {
        "killed": 1,
        "injured": 3,
    }
    # a victim's own relative clause is no attacker's
    assert toll("A woman who was shot by her husband died in hospital.") == {"killed": 1}


def test_kind5_several_attackers_who_died_are_counted_beside_their_victims() -> None:
    text = (
        "Three suicide bombers killed 20 worshippers at a mosque on Friday. All three "
        "attackers died."
    )
    assert toll(text) == {"killed": 23}
    assert evidence(text, "killed") == ["20 worshippers", "All three attackers"]
    text = "Two bombers killed 12 people at a market. Both bombers were killed in the blasts."
    assert toll(text) == {"killed": 14}
    text = "Militants killed nine villagers overnight. The two gunmen were shot dead by troops."
    assert toll(text) == {"killed": 11}
    text = "Gunmen killed four people at a checkpoint. Two of the attackers were killed by police."
    assert toll(text) == {"killed": 6}
    # militants and insurgents are attackers too, counted where their death is said
    text = "The three militants were killed in a gunfight after they killed two policemen."
    assert toll(text) == {"killed": 5}
    assert toll("Troops killed 12 militants in the raid.") == {"killed": 12}
    assert toll("Militants killed nine villagers overnight.") == {"killed": 9}
    # the same attackers told dead twice are added once
    text = (
        "Two bombers killed 12 people. Both bombers were killed in the blasts. The two "
        "attackers died instantly, police said."
    )
    assert toll(text) == {"killed": 14}
    # attackers no death is said of are no victims
    text = "Two gunmen opened fire at a wedding, killing five guests. The gunmen fled."
    assert toll(text) == {"killed": 5}
    assert toll("The two gunmen in the killing were charged on Monday.") == {}
    assert toll("Two gunmen killed a guard at the bank.") == {"killed": 1}


def test_kind7_corrections_in_fact_the_correct_figure_wrongly_supersede() -> None:
    # "In fact," opening the sentence after a report of the same outcome
    text = "We reported that three people had died. In fact, two people died."
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["two people"]
    text = "We wrongly stated that five people were injured. In fact, three people were injured."
    assert toll(text) == {"injured": 3}
    text = "An earlier version of this story said four people were killed. In fact, three died."
    assert toll(text) == {"killed": 3}
    # within one sentence
    assert toll("We reported that three people had died; in fact, two died.") == {"killed": 2}
    # "the correct figure is": a bare count takes the superseded count's outcome
    text = "An earlier version said four were killed; the correct figure is three."
    assert toll(text) == {"killed": 3}
    assert evidence(text, "killed") == ["three"]
    text = "This article wrongly said that six people were hurt; the correct number is four."
    assert toll(text) == {"injured": 4}
    # the superseded count named by a toll's noun, no victim phrase
    text = (
        "An earlier version of this story said the number of injured was 12; the correct "
        "figure is 10."
    )
    assert toll(text) == {"injured": 10}
    # a notice's "It previously stated", the revision's bare count elliptic
    text = (
        "This article has been amended. It previously stated that five people were injured; "
        "in fact four were."
    )
    assert toll(text) == {"injured": 4}
    # "wrongly" alone, the corrected count in the sentence after
    text = "The report mistakenly gave the toll as nine deaths. Seven people died in the fire."
    assert toll(text) == {"killed": 7}
    # a first report, then a revision in the sentence after it
    text = (
        "We previously reported that four people were killed. Police have now confirmed that "
        "three people died."
    )
    assert toll(text) == {"killed": 3}
    # a later death beyond the first report adds
    text = "Three people were initially reported dead. A fourth person has since died."
    assert toll(text) == {"killed": 4}
    # more told "in fact" is news beyond the report, not a correction
    text = "Police said three people died. In fact, two more people died later."
    assert toll(text)["killed"] != 2
    # another outcome's count before stands
    text = "We reported that three people were hurt and one died. In fact, two people died."
    assert toll(text) == {"killed": 2, "injured": 3}


def test_kind6_verdicts_trials_and_inquests_count_the_crime_judged() -> None:
    # a court report's own crime: its victims count where no other sentence counts one
    text = "A man was convicted on Tuesday of murdering a shopkeeper."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["a shopkeeper"]
    assert toll("He was jailed for the manslaughter of his neighbour.") == {"killed": 1}
    assert toll("She was found guilty of killing her stepson.") == {"killed": 1}
    assert toll("He was sentenced for the murders of three children.") == {"killed": 3}
    assert toll("He was charged with murdering two men at a bus stop.") == {"killed": 2}
    # the victim's wound told in the trial is how he died, not an injury
    text = (
        "A man was convicted of murdering a shopkeeper. The court heard the shopkeeper was "
        "stabbed in the neck during a robbery."
    )
    assert toll(text) == {"killed": 1}
    text = (
        "A man has gone on trial accused of murdering a taxi driver. The jury heard he was "
        "stabbed in the neck."
    )
    assert toll(text) == {"killed": 1}
    text = (
        "Smith was convicted of murdering his neighbour. The court heard the victim was "
        "stabbed 17 times."
    )
    assert toll(text) == {"killed": 1}
    # one told besides the judged ("also shot and survived") stays hurt
    text = (
        "A jury convicted Smith of murdering his neighbour. Jurors heard the neighbour was shot "
        "twice. His brother was also shot and survived."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    # "jailed for life" is a verdict's cue too; "heard" opens no victim phrase
    text = "A man was jailed for life on Friday for murdering a pensioner in her home."
    assert toll(text) == {"killed": 1}
    text = "An inquest heard Mr Smith died from a single stab wound to the chest."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["Mr Smith"]
    # the victim's wound in a "who" clause right after him is how he died
    text = "Two men were found guilty of murdering a father of three, who was stabbed 14 times."
    assert toll(text) == {"killed": 1}
    text = "A man was killed and a woman, who was shot in the leg, survived."
    assert toll(text) == {"killed": 1, "injured": 1}
    # a sentence of another date stays out
    assert toll("He was jailed for six years in 2019 for killing a man.") == {}
    # a past case beside a story's own victims stays out
    text = "Two men were shot on Friday. The suspect had been convicted of murdering a man."
    assert toll(text) == {"injured": 2}
    text = "A man was shot on Friday. The suspect had been convicted of murdering a woman."
    assert toll(text) == {"injured": 1}
    # an attempted murder is no death
    assert toll("He was convicted of the attempted murder of a police officer.") == {}


def test_kind9_a_death_among_people_rescued_alive_is_one_more_killed() -> None:
    text = (
        "Two people were killed when the building collapsed. Rescuers pulled nine people "
        "alive from the rubble; one of them later died in hospital."
    )
    assert toll(text) == {"killed": 3}
    assert evidence(text, "killed") == ["Two people", "one"]
    # the share in the sentence after the rescue
    text = (
        "Two people were killed when the building collapsed. The rescuers pulled nine people "
        "alive from the rubble. One of them later died in hospital."
    )
    assert toll(text) == {"killed": 3}
    text = "Three people died in the blast. Four people were rescued; one of them died later."
    assert toll(text) == {"killed": 4}
    # a bare count, a fronted group, a pronoun
    text = "Two people died. Three people were rescued alive but one died hours later."
    assert toll(text) == {"killed": 3}
    text = "Two people were killed. Of the 12 people pulled alive from the rubble, two later died."
    assert toll(text) == {"killed": 4}
    text = (
        "Two people died. Rescuers pulled a woman alive from the rubble, but she died later "
        "in hospital."
    )
    assert toll(text) == {"killed": 3}
    # the rescued alone are not counted as killed nor hurt
    text = "Rescuers pulled nine people alive from the rubble; one of them later died in hospital."
    assert toll(text) == {"killed": 1}
    # a group told before (the hurt) is no rescued group: its death is one of them
    text = (
        "Two people died and five were hurt. Rescuers pulled the five alive from the rubble; "
        "one of them later died."
    )
    assert toll(text)["killed"] == 2
    text = "Two people were hurt in the crash. One of them later died."
    assert toll(text) == {"killed": 1, "injured": 1}
