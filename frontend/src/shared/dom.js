export function show(element, visible = true) {
  if (element) {
    element.hidden = !visible;
  }
}

export function setPressed(button, pressed) {
  if (button) {
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }
}

// Fill a <select> with devices, keeping the chosen one selected.
export function fillDeviceSelect(select, devices, selectedId, unnamed) {
  if (!select) {
    return;
  }
  select.replaceChildren(
    ...devices.map((device, index) => {
      const option = document.createElement("option");
      option.value = device.deviceId;
      option.textContent = device.label || unnamed(index + 1);
      option.selected = device.deviceId === selectedId;
      return option;
    }),
  );
  select.disabled = devices.length === 0;
}
