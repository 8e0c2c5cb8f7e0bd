package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.warden.core.agent.Mode;

class ModeTest {

	@ParameterizedTest
	@CsvSource({ "AUTOPILOT,AUTOPILOT", "SUPERVISED,SUPERVISED", "supervised,SUPERVISED", "' Supervised ',SUPERVISED" })
	void storedValuesReadBackAsTheirMode(String stored, Mode expected) {
		assertEquals(expected, Mode.parse(stored));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "autopilot!", "YOLO", "1" })
	void unknownStoredValuesFallBackToAutopilot(String stored) {
		assertEquals(Mode.AUTOPILOT, Mode.parse(stored));
	}

	@ParameterizedTest
	@CsvSource({ "AUTOPILOT,SUPERVISED", "SUPERVISED,AUTOPILOT" })
	void toggleSwitchesToTheOtherMode(Mode from, Mode to) {
		assertEquals(to, from.toggled());
	}
}
