{{- define "adsbridge.labels" -}}
app.kubernetes.io/name: adsbridge
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "adsbridge.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}

{{- define "adsbridge.secret" -}}
valueFrom:
  secretKeyRef:
    name: {{ .root.Values.existingSecret }}
    key: {{ .key }}
    {{- if .optional }}
    optional: true
    {{- end }}
{{- end -}}
