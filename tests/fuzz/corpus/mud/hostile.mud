[basic]
; c
type=cvimodel
[extra]
mean = 1/255,
labels = a,,b,
[extra]
